package workload

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const head = "apiVersion: kmctl.dev/v1alpha1\nkind: Workload\nmetadata: {name: T}\n"

func TestBadWorkloads(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"not YAML", "a: [b", "w.yaml: "},
		{"wrong version", "apiVersion: v1\nkind: Workload\n", "w.yaml:1: apiVersion must be kmctl.dev/v1alpha1"},
		{"unknown top field", head + "opz: []\n", `w.yaml:4: unknown field "opz" in the workload`},
		{"no name", "apiVersion: kmctl.dev/v1alpha1\nkind: Workload\nmetadata: {}\nops: []\n", "metadata.name is missing"},
		{"no ops", head + "ops: []\n", "w.yaml:4: ops must be a list of at least one op"},
		{"unknown op", head + "ops:\n- {op: createNodes, count: 1}\n- {op: explode}\n", `w.yaml:6: unknown op "explode"; the ops are createNodes`},
		{"field of another op", head + "ops:\n- {op: createPods, count: 1, until: running}\n", `w.yaml:5: createPods takes no field "until"`},
		{"unknown field", head + "ops:\n- op: createNodes\n  count: 1\n  colour: red\n", `w.yaml:7: createNodes takes no field "colour"`},
		{"mistyped field", head + "ops:\n- {op: createNodes, count: many}\n", "w.yaml:5: createNodes: field count must be a int"},
		{"zero count", head + "ops:\n- {op: createNodes, count: 0}\n", `w.yaml:5: createNodes "createNodes-0": count must be more than 0`},
		{"bad quantity", head + "ops:\n- {op: createNodes, count: 1, cpu: lots}\n", `cpu "lots" is not a quantity`},
		{"bad taint", head + "ops:\n- {op: createNodes, count: 1, taints: [\"a=b:Never\"]}\n", `taint "a=b:Never"`},
		{"negative writers", head + "ops:\n- {op: createNodes, count: 1, writers: -1}\n", "writers must be 0 or more"},
		{"bad duration", head + "ops:\n- {op: sleep, duration: soon}\n", "a duration such as 30s"},
		{"bad component", head + "ops:\n- {op: stopComponent, component: etcd}\n", "component must be one of kube-scheduler"},
		{"bad until", head + "ops:\n- {op: barrier, until: done}\n", "until must be scheduled, running or deleted"},
		{"duplicate names", head + "ops:\n- {op: createNodes, name: a, count: 1}\n- {op: createNodes, name: a, count: 1}\n", `w.yaml:6: two ops are named "a"`},
		{"nothing measured", head + "ops:\n- {op: createNodes, count: 1}\n", "no op measures anything"},
		{"unpaired stop", head + "ops:\n- {op: stopCollectingMetrics}\n", "stopCollectingMetrics without a startCollectingMetrics"},
		{"pods before nodes", head + "ops:\n- {op: createPods, count: 5, collectMetrics: true}\n", "creates pods before any createNodes op"},
		{"too many pods", head + "ops:\n- {op: createNodes, count: 2}\n- {op: createPods, name: m, count: 300, collectMetrics: true}\n", `w.yaml:6: createPods "m" asks for 300 pods in all but the 2 nodes before it hold 220`},
		{"pod bigger than a node", head + "ops:\n- {op: createNodes, count: 2, cpu: \"4\"}\n- {op: createPods, name: m, count: 1, cpu: \"8\", collectMetrics: true}\n", "more than any node holds"},
		{"requests over the nodes", head + "ops:\n- {op: createNodes, count: 2, cpu: \"1\"}\n- {op: createPods, name: m, count: 30, cpu: 100m, collectMetrics: true}\n", "brings the pods' requests to 3 CPU"},
		{"unknown param", head + "ops:\n- {op: createNodes, count: $nodes, collectMetrics: true}\n", "w.yaml:5: unknown param $nodes"},
		{"bad threshold", head + "thresholds:\n- {metric: Speed, stat: Average, min: 1}\nops:\n- {op: sleep, duration: 1s, collectMetrics: true}\n", `threshold metric "Speed"`},
		{"threshold without bound", head + "thresholds:\n- {metric: pod_startup, stat: Perc99}\nops:\n- {op: sleep, duration: 1s, collectMetrics: true}\n", "needs min or max"},
		{"threshold on an unmeasured op", head + "thresholds:\n- {metric: pod_startup, stat: Perc99, max: 5, op: x}\nops:\n- {op: sleep, duration: 1s, collectMetrics: true}\n", `threshold on op "x": no measured op`},
	}
	for _, tt := range tests {
		_, err := Parse("w.yaml", []byte(tt.text), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestParams(t *testing.T) {
	text := head + `params:
- {name: nodes, default: "10"}
- {name: wait, default: 2s}
- {name: ns, default: team}
ops:
- {op: createNodes, count: $nodes}
- {op: createPods, count: 5, namespace: "${ns}-a", collectMetrics: true}
- {op: sleep, duration: $wait}
`
	w, err := Parse("w.yaml", []byte(text), map[string]string{"nodes": "20"})
	if err != nil {
		t.Fatal(err)
	}
	if w.Ops[0].Count != 20 || w.Ops[1].Namespace != "team-a" || w.Ops[2].Duration.Duration != 2*time.Second {
		t.Errorf("ops = %+v", w.Ops)
	}
	if w.Values["nodes"] != "20" || w.Values["ns"] != "team" {
		t.Errorf("values = %v", w.Values)
	}
	if w.Ops[1].Line != 10 || w.OpName(1) != "createPods-1" {
		t.Errorf("op 1 at line %d named %q", w.Ops[1].Line, w.OpName(1))
	}
	if w.Ops[0].CPU != "32" || w.Ops[1].CPU != "100m" {
		t.Errorf("default shapes: node cpu %q, pod cpu %q", w.Ops[0].CPU, w.Ops[1].CPU)
	}
	_, err = Parse("w.yaml", []byte(text), map[string]string{"pods": "1"})
	if err == nil || !strings.Contains(err.Error(), "--param pods: the workload has no such param; its params are nodes, wait, ns") {
		t.Errorf("override of an unknown param: %v", err)
	}
	if _, err := ParseParamFlags([]string{"nodes"}); err == nil {
		t.Error("--param without = must fail")
	}
}

func TestBuiltinsLoad(t *testing.T) {
	infos, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 15 {
		t.Errorf("%d built-ins, want 11 of scheduler_perf's and 4 of kmctl's budget", len(infos))
	}
	for _, in := range infos {
		if in.Description == "" {
			t.Errorf("%s has no description", in.Name)
		}
		if _, err := Load(in.Name, nil); err != nil {
			t.Errorf("%s at its defaults: %v", in.Name, err)
		}
		if !hasParam(in, "nodes") {
			continue
		}
		big := map[string]string{"nodes": "5000"}
		if _, err := Load(in.Name, big); err != nil {
			t.Errorf("%s at 5000 nodes: %v", in.Name, err)
		}
	}
	if _, err := Load("NoSuchWorkload", nil); err == nil || !strings.Contains(err.Error(), "kmctl bench list") {
		t.Errorf("an unknown name: %v", err)
	}
}

func hasParam(in Info, name string) bool {
	for _, p := range in.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}

func TestFilesBesideTheWorkload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.yaml")
	text := head + "ops:\n- {op: createNodes, count: 1}\n- {op: createPods, count: 1, template: pod.yaml, collectMetrics: true}\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path, nil)
	if err == nil || !strings.Contains(err.Error(), path+":6: cannot read pod.yaml") {
		t.Errorf("a missing template: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pod.yaml"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := w.ReadFile("pod.yaml"); err != nil || string(data) != "x" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	b, err := Load("SchedulingPodAntiAffinity", nil)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := b.ReadFile("SchedulingPodAntiAffinity-pod.yaml"); err != nil || !strings.Contains(string(data), "podAntiAffinity") {
		t.Errorf("a built-in's template: %v", err)
	}
}
