package scale

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

func nodeOpts() NodeOptions {
	return NodeOptions{
		Options: Options{Replicas: 3, Parallel: 4, Timeout: time.Minute},
		CPU:     "32", Memory: "256Gi", EphemeralStorage: "1Ti", Pods: 110,
	}
}

func podOpts() PodOptions {
	return PodOptions{Options: Options{Replicas: 3, Parallel: 4, Timeout: time.Minute}, CPU: "100m", Memory: "128Mi"}
}

func buildNode(t *testing.T, o NodeOptions, index int) *corev1.Node {
	t.Helper()
	base, err := o.templateData()
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := LoadTemplate(o.TemplateFile, "node", mustRead(t, "../../templates/node.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := (&nodeBuilder{t: tmpl, base: base}).build(index)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestDefaultNodeTemplate(t *testing.T) {
	o := nodeOpts()
	o.GPU = 8
	o.Labels = []string{"pool=gpu", "type=big"}
	o.Taints = []string{"gpu=true:NoSchedule", "dedicated:NoExecute"}
	o.Resources = []string{"example.com/fpga=2", "hugepages-2Mi=1Gi"}
	n := buildNode(t, o, 300)
	if n.Name != "kmctl-node-300" {
		t.Errorf("name %q", n.Name)
	}
	wantLabels := map[string]string{
		"kubernetes.io/hostname": "kmctl-node-300", "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
		"node.kubernetes.io/instance-type": "kmctl", "type": "big", "pool": "gpu",
		LabelManaged: "true", LabelScale: "kmctl-node",
	}
	for k, v := range wantLabels {
		if n.Labels[k] != v {
			t.Errorf("label %s = %q, want %q", k, n.Labels[k], v)
		}
	}
	if n.Spec.PodCIDR != "10.129.44.0/24" || len(n.Spec.PodCIDRs) != 1 || n.Spec.PodCIDRs[0] != n.Spec.PodCIDR {
		t.Errorf("pod CIDRs %q %v", n.Spec.PodCIDR, n.Spec.PodCIDRs)
	}
	wantTaints := []corev1.Taint{{Key: "gpu", Value: "true", Effect: "NoSchedule"}, {Key: "dedicated", Effect: "NoExecute"}}
	if len(n.Spec.Taints) != 2 || n.Spec.Taints[0] != wantTaints[0] || n.Spec.Taints[1] != wantTaints[1] {
		t.Errorf("taints %v", n.Spec.Taints)
	}
	var capacity corev1.ResourceList
	if err := json.Unmarshal([]byte(n.Annotations[AnnotationCapacity]), &capacity); err != nil {
		t.Fatal(err)
	}
	want := map[corev1.ResourceName]string{
		"cpu": "32", "memory": "256Gi", "ephemeral-storage": "1Ti", "pods": "110",
		"hugepages-2Mi": "1Gi", "nvidia.com/gpu": "8", "example.com/fpga": "2",
	}
	if len(capacity) != len(want) {
		t.Errorf("capacity %v, want %v", capacity, want)
	}
	for k, v := range want {
		if q := capacity[k]; q.Cmp(resource.MustParse(v)) != 0 {
			t.Errorf("capacity %s = %s, want %s", k, q.String(), v)
		}
	}
	if len(n.Status.Capacity) != 0 || len(n.Status.Addresses) != 0 {
		t.Errorf("status should be cleared, got %+v", n.Status)
	}
}

// TestNodeBetaLabels checks that nodes carry the beta OS and arch labels the
// controller-manager would otherwise patch in, following --label.
func TestNodeBetaLabels(t *testing.T) {
	o := nodeOpts()
	o.Labels = []string{"kubernetes.io/arch=arm64"}
	n := buildNode(t, o, 0)
	if n.Labels["beta.kubernetes.io/arch"] != "arm64" || n.Labels["beta.kubernetes.io/os"] != "linux" {
		t.Errorf("labels %v", n.Labels)
	}
}

func TestDefaultNodeTemplateWithoutGPU(t *testing.T) {
	n := buildNode(t, nodeOpts(), 0)
	c := n.Annotations[AnnotationCapacity]
	if strings.Contains(c, "nvidia.com/gpu") || !strings.Contains(c, `"hugepages-2Mi":"0"`) {
		t.Errorf("capacity %s", c)
	}
	if len(n.Spec.Taints) != 0 || n.Spec.PodCIDR != "10.128.0.0/24" {
		t.Errorf("spec %+v", n.Spec)
	}
}

func TestDefaultPodTemplate(t *testing.T) {
	o := podOpts()
	o.NodeName, o.PriorityClass, o.Namespace = "kmctl-node-1", "high", "load"
	o.NodeSelector = []string{"pool=gpu"}
	s, err := NewPodScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.newObjects(nil).(*podObjects).b.build(7)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "kmctl-pod-7" || p.Namespace != "load" || p.Labels[LabelManaged] != "true" || p.Labels[LabelScale] != "kmctl-pod" {
		t.Errorf("meta %+v", p.ObjectMeta)
	}
	spec := p.Spec
	if spec.NodeName != "kmctl-node-1" || spec.PriorityClassName != "high" || spec.NodeSelector["pool"] != "gpu" {
		t.Errorf("scheduling fields %+v", spec)
	}
	if spec.TerminationGracePeriodSeconds == nil || *spec.TerminationGracePeriodSeconds != 0 {
		t.Errorf("terminationGracePeriodSeconds %v", spec.TerminationGracePeriodSeconds)
	}
	if len(spec.Containers) != 1 || spec.Containers[0].Name != "app" || spec.Containers[0].Image != "registry.k8s.io/pause:3.10" {
		t.Fatalf("containers %+v", spec.Containers)
	}
	r := spec.Containers[0].Resources
	if r.Requests.Cpu().String() != "100m" || r.Requests.Memory().String() != "128Mi" {
		t.Errorf("requests %v", r.Requests)
	}
	if r.Limits.Cpu().Cmp(*r.Requests.Cpu()) != 0 || r.Limits.Memory().Cmp(*r.Requests.Memory()) != 0 {
		t.Errorf("limits %v differ from requests %v", r.Limits, r.Requests)
	}
}

func TestPodTemplateWithoutResources(t *testing.T) {
	o := podOpts()
	o.CPU, o.Memory = "", ""
	s, err := NewPodScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.newObjects(nil).(*podObjects).b.build(0)
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Spec.Containers[0].Resources; len(r.Requests) != 0 || len(r.Limits) != 0 || p.Spec.NodeName != "" {
		t.Errorf("pod %+v", p.Spec)
	}
}

func TestUserTemplate(t *testing.T) {
	path := writeTemplate(t, `apiVersion: v1
kind: Node
metadata:
  name: ignored
  labels:
    zone: zone-{{ mod .Index 3 }}
status:
  capacity:
    cpu: "{{ add .Index 1 }}"
`)
	o := nodeOpts()
	o.TemplateFile = path
	n := buildNode(t, o, 5)
	if n.Name != "kmctl-node-5" || n.Labels["zone"] != "zone-2" || n.Labels[LabelScale] != "kmctl-node" {
		t.Errorf("node %+v", n.ObjectMeta)
	}
	if n.Annotations[AnnotationCapacity] != `{"cpu":"6"}` {
		t.Errorf("capacity %s", n.Annotations[AnnotationCapacity])
	}
}

func TestTemplateErrors(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"syntax", "kind: {{ .Name", []string{"cannot parse template", "bad.yaml:1"}},
		{"missing field", "kind: {{ .Nope }}", []string{"cannot render template", "Nope"}},
		{"yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: x\n   labels: [\n", []string{"invalid YAML", "line 5", "labels: ["}},
		{"unknown field", "apiVersion: v1\nkind: Node\nspec:\n  bogus: 1\n", []string{"cannot use", `unknown field "spec.bogus"`}},
		{"duplicate key", "apiVersion: v1\nkind: Node\nkind: Node\n", []string{"invalid YAML", "line 3"}},
		{"wrong kind", "apiVersion: v1\nkind: Pod\n", []string{`kind "Pod"`, "kind Node"}},
		{"no capacity", "apiVersion: v1\nkind: Node\n", []string{"no status.capacity"}},
		{"bad quantity", "apiVersion: v1\nkind: Node\nstatus:\n  capacity:\n    cpu: lots\n", []string{"cannot use", "quantities must match"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "bad.yaml")
			if err := os.WriteFile(path, []byte(c.text), 0o600); err != nil {
				t.Fatal(err)
			}
			o := nodeOpts()
			o.TemplateFile = path
			_, err := NewNodeScaler(o)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range append(c.want, path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestMissingTemplateFile(t *testing.T) {
	o := podOpts()
	o.TemplateFile = filepath.Join(t.TempDir(), "nope.yaml")
	if _, err := NewPodScaler(o); err == nil || !strings.Contains(err.Error(), "--template") {
		t.Errorf("error %v", err)
	}
}

func writeTemplate(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tmpl.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
