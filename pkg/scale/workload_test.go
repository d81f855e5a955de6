package scale

import (
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
)

func TestPacedPool(t *testing.T) {
	if p := newPool(4, nil).paced(0); p.limit != nil {
		t.Error("rate 0 must not pace")
	}
	p := newPool(4, nil).paced(50)
	if p.limit == nil || p.limit.Limit() != 50 || p.limit.Burst() != 1 {
		t.Errorf("rate 50: limiter %+v, want 50/s with a burst of 1", p.limit)
	}
}

func TestNodesSpreadOverZones(t *testing.T) {
	o := nodeOpts()
	o.Zones = 3
	s, err := NewNodeScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	b := s.newObjects(nil).(*nodeObjects).b
	for index, want := range map[int]string{0: "zone-0", 4: "zone-1", 8: "zone-2"} {
		n, err := b.build(index)
		if err != nil {
			t.Fatal(err)
		}
		if got := n.Labels[corev1.LabelTopologyZone]; got != want {
			t.Errorf("node %d: zone %q, want %q", index, got, want)
		}
	}
	plain, err := testNodeBuilder(t).build(4)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := plain.Labels[corev1.LabelTopologyZone]; ok {
		t.Error("without zones a node must have no zone label")
	}
}

func TestTemplateText(t *testing.T) {
	o := PodOptions{Options: Options{Replicas: 1, Parallel: 1, Timeout: time.Minute, TemplateFile: "builtin:Test/pod.yaml", TemplateText: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ quote .Name }}\n  namespace: {{ quote .Namespace }}\nspec:\n  containers:\n  - name: x\n    image: pause\n    bogus: 1\n"}, Namespace: "default"}
	_, err := NewPodScaler(o)
	if err == nil || !strings.Contains(err.Error(), "builtin:Test/pod.yaml") || !strings.Contains(err.Error(), "bogus") {
		t.Errorf("error %v, want one naming the template and the unknown field", err)
	}
}
