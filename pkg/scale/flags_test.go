package scale

import (
	"strings"
	"testing"
	"time"
)

func TestNodeFlagValidation(t *testing.T) {
	cases := []struct {
		name   string
		change func(*NodeOptions)
		want   string // "" means valid
	}{
		{"defaults", func(*NodeOptions) {}, ""},
		{"zero replicas", func(o *NodeOptions) { o.Replicas = 0 }, ""},
		{"negative replicas", func(o *NodeOptions) { o.Replicas = -1 }, "--replicas must be 0 or more"},
		{"too many nodes", func(o *NodeOptions) { o.Replicas = MaxNodes + 1 }, "--replicas 32769"},
		{"bad cpu", func(o *NodeOptions) { o.CPU = "lots" }, `--cpu "lots" is not a quantity`},
		{"negative memory", func(o *NodeOptions) { o.Memory = "-1Gi" }, "--memory \"-1Gi\" must not be negative"},
		{"negative pods", func(o *NodeOptions) { o.Pods = -1 }, "--pods"},
		{"extended resource", func(o *NodeOptions) { o.Resources = []string{"example.com/fpga=4"} }, ""},
		{"hugepages", func(o *NodeOptions) { o.Resources = []string{"hugepages-1Gi=4Gi"} }, ""},
		{"unknown plain resource", func(o *NodeOptions) { o.Resources = []string{"foo=1"} }, `resource name "foo" is not a known resource`},
		{"bad hugepages size", func(o *NodeOptions) { o.Resources = []string{"hugepages-big=1"} }, "page size"},
		{"bad resource name", func(o *NodeOptions) { o.Resources = []string{"example.com/bad name=1"} }, "is not valid"},
		{"reserved domain", func(o *NodeOptions) { o.Resources = []string{"kubernetes.io/foo=1"} }, "reserved"},
		{"resource with own flag", func(o *NodeOptions) { o.Resources = []string{"cpu=4"} }, "use --cpu"},
		{"resource without value", func(o *NodeOptions) { o.Resources = []string{"example.com/fpga"} }, "is not key=value"},
		{"resource without quantity", func(o *NodeOptions) { o.Resources = []string{"example.com/fpga="} }, "has no quantity"},
		{"bad resource quantity", func(o *NodeOptions) { o.Resources = []string{"example.com/fpga=x"} }, "is not a quantity"},
		{"fractional extended", func(o *NodeOptions) { o.Resources = []string{"example.com/fpga=500m"} }, "whole numbers"},
		{"taints", func(o *NodeOptions) { o.Taints = []string{"a=b:NoSchedule", "c:NoExecute", "a=b:PreferNoSchedule"} }, ""},
		{"bad taint effect", func(o *NodeOptions) { o.Taints = []string{"a=b:Sometimes"} }, `effect "Sometimes" is not one of`},
		{"taint without effect", func(o *NodeOptions) { o.Taints = []string{"a=b"} }, "has no effect"},
		{"bad taint key", func(o *NodeOptions) { o.Taints = []string{"a b=c:NoSchedule"} }, "key \"a b\" is not valid"},
		{"duplicate taint", func(o *NodeOptions) { o.Taints = []string{"a=b:NoSchedule", "a=c:NoSchedule"} }, "repeats key a"},
		{"labels", func(o *NodeOptions) { o.Labels = []string{"pool=gpu", "example.com/tier=", "type=big"} }, ""},
		{"bad label key", func(o *NodeOptions) { o.Labels = []string{"-x=1"} }, "not a valid label key"},
		{"bad label value", func(o *NodeOptions) { o.Labels = []string{"x=a b"} }, "not a valid label value"},
		{"label without =", func(o *NodeOptions) { o.Labels = []string{"x"} }, "is not key=value"},
		{"kmctl label", func(o *NodeOptions) { o.Labels = []string{LabelScale + "=x"} }, "use --prefix"},
		{"capacity annotation", func(o *NodeOptions) { o.Annotations = []string{AnnotationCapacity + "={}"} }, "kmctl sets"},
		{"bad prefix", func(o *NodeOptions) { o.Prefix = "Node_" }, "--prefix"},
		{"no workers", func(o *NodeOptions) { o.Parallel = 0 }, "--parallel"},
		{"no time", func(o *NodeOptions) { o.Timeout = 0 }, "--timeout"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := nodeOpts()
			c.change(&o)
			_, err := NewNodeScaler(o)
			checkErr(t, err, c.want)
		})
	}
}

func TestPodFlagValidation(t *testing.T) {
	cases := []struct {
		name   string
		change func(*PodOptions)
		want   string
	}{
		{"defaults", func(*PodOptions) {}, ""},
		{"negative replicas", func(o *PodOptions) { o.Replicas = -5 }, "--replicas must be 0 or more"},
		{"many pods", func(o *PodOptions) { o.Replicas = 1_000_000 }, ""},
		{"bad cpu", func(o *PodOptions) { o.CPU = "1x" }, `--cpu "1x" is not a quantity`},
		{"no requests", func(o *PodOptions) { o.CPU, o.Memory = "", "" }, ""},
		{"pods is no request", func(o *PodOptions) { o.Resources = []string{"pods=1"} }, "not a known resource"},
		{"ephemeral storage request", func(o *PodOptions) { o.Resources = []string{"ephemeral-storage=1Gi"} }, ""},
		{"bad node selector", func(o *PodOptions) { o.NodeSelector = []string{"a=b=c"} }, "--node-selector"},
		{"bad namespace", func(o *PodOptions) { o.Namespace = "Default" }, "--namespace"},
		{"bad node name", func(o *PodOptions) { o.NodeName = "a b" }, "--node-name"},
		{"bad priority class", func(o *PodOptions) { o.PriorityClass = "High" }, "--priority-class"},
		{"negative gpu", func(o *PodOptions) { o.GPU = -1 }, "--gpu"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := podOpts()
			c.change(&o)
			_, err := NewPodScaler(o)
			checkErr(t, err, c.want)
		})
	}
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Errorf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("error %q does not contain %q", err, want)
	}
}

func TestResultString(t *testing.T) {
	r := Result{Plural: "nodes", Prefix: "kmctl-node", Replicas: 1000, Created: 1000, Took: 5230 * time.Millisecond,
		Waited: true, Ready: 1000, ReadyWord: "Ready"}
	want := "scaled nodes with prefix kmctl-node to 1000 (created 1000, deleted 0) in 5.2s, 1000 Ready"
	if r.String() != want {
		t.Errorf("got  %q\nwant %q", r.String(), want)
	}
	r = Result{Plural: "pods", Namespace: "load", Prefix: "p", Replicas: 0, Deleted: 3, Took: 90 * time.Second}
	want = "scaled pods with prefix p in namespace load to 0 (created 0, deleted 3) in 1m30s"
	if r.String() != want {
		t.Errorf("got  %q\nwant %q", r.String(), want)
	}
}
