package bench

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"

	"github.com/kmctl/kmctl/pkg/bench/report"
)

// node is a node whose Ready condition has status ready; "" leaves the
// condition out.
func node(name string, ready corev1.ConditionStatus) *corev1.Node {
	n := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if ready != "" {
		n.Status.Conditions = []corev1.NodeCondition{
			{Type: corev1.NodeMemoryPressure, Status: corev1.ConditionFalse},
			{Type: corev1.NodeReady, Status: ready},
		}
	}
	return n
}

// An event the watch delivers: the node added, updated to, or deleted.
type nodeEvent struct {
	op   string // "add", "update", "delete", "tombstone"
	node *corev1.Node
}

const (
	ready    = corev1.ConditionTrue
	notReady = corev1.ConditionFalse
	unknown  = corev1.ConditionUnknown
	noReady  = corev1.ConditionStatus("")
)

func TestNodeHealth(t *testing.T) {
	tests := []struct {
		name               string
		events             []nodeEvent
		transitions, nodes int
	}{
		{"True → Unknown", []nodeEvent{{"add", node("a", ready)}, {"update", node("a", unknown)}}, 1, 1},
		{"True → False", []nodeEvent{{"add", node("a", ready)}, {"update", node("a", notReady)}}, 1, 1},
		{"True → no Ready condition", []nodeEvent{{"add", node("a", ready)}, {"update", node("a", noReady)}}, 1, 1},
		{"True → Unknown → True → Unknown", []nodeEvent{{"add", node("a", ready)}, {"update", node("a", unknown)},
			{"update", node("a", ready)}, {"update", node("a", unknown)}}, 2, 1},
		{"first seen Unknown, then True → Unknown", []nodeEvent{{"add", node("a", unknown)},
			{"update", node("a", ready)}, {"update", node("a", unknown)}}, 1, 1},
		{"Unknown → False stays not Ready", []nodeEvent{{"add", node("a", ready)}, {"update", node("a", unknown)},
			{"update", node("a", notReady)}}, 1, 1},
		{"first seen not Ready, never Ready", []nodeEvent{{"add", node("a", noReady)}, {"update", node("a", notReady)},
			{"update", node("a", unknown)}}, 0, 0},
		{"Ready updates are no transition", []nodeEvent{{"add", node("a", ready)}, {"update", node("a", ready)}}, 0, 0},
		{"deleted while Ready", []nodeEvent{{"add", node("a", ready)}, {"delete", node("a", ready)}}, 0, 0},
		{"deleted, missed by the watch", []nodeEvent{{"add", node("a", ready)}, {"tombstone", node("a", ready)}}, 0, 0},
		{"deleted, then created again not Ready", []nodeEvent{{"add", node("a", ready)}, {"delete", node("a", ready)},
			{"add", node("a", noReady)}}, 0, 0},
		{"two nodes", []nodeEvent{{"add", node("a", ready)}, {"add", node("b", ready)}, {"add", node("c", ready)},
			{"update", node("a", unknown)}, {"update", node("b", unknown)}, {"update", node("b", ready)},
			{"update", node("b", unknown)}}, 3, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newNodeHealth()
			h.synced = func() bool { return true }
			for _, e := range tt.events {
				feed(h, e)
			}
			want := report.NotReady{Transitions: tt.transitions, Nodes: tt.nodes, Watched: true}
			if got := h.take(); got != want {
				t.Errorf("step: %+v, want %+v", got, want)
			}
			if got := h.total(); got != want {
				t.Errorf("run: %+v, want %+v", got, want)
			}
		})
	}
}

func feed(h *nodeHealth, e nodeEvent) {
	switch e.op {
	case "add":
		h.OnAdd(e.node, false)
	case "update":
		h.OnUpdate(nil, e.node)
	case "delete":
		h.OnDelete(e.node)
	case "tombstone":
		h.OnDelete(cache.DeletedFinalStateUnknown{Key: e.node.Name, Obj: e.node})
	}
}

// TestNodeHealthSteps checks that each step counts its own transitions and
// nodes, and the run all of them.
func TestNodeHealthSteps(t *testing.T) {
	h := newNodeHealth()
	if got := h.take(); got.Watched {
		t.Errorf("before the watch started: %+v, want unwatched", got)
	}
	h.synced = func() bool { return true }
	for _, e := range []nodeEvent{{"add", node("a", ready)}, {"add", node("b", ready)}, {"update", node("a", unknown)}} {
		feed(h, e)
	}
	if got, want := h.take(), (report.NotReady{Transitions: 1, Nodes: 1, Watched: true}); got != want {
		t.Errorf("first step: %+v, want %+v", got, want)
	}
	for _, e := range []nodeEvent{{"update", node("a", ready)}, {"update", node("a", unknown)}, {"update", node("b", notReady)}} {
		feed(h, e)
	}
	if got, want := h.take(), (report.NotReady{Transitions: 2, Nodes: 2, Watched: true}); got != want {
		t.Errorf("second step: %+v, want %+v", got, want)
	}
	if got, want := h.take(), (report.NotReady{Transitions: 0, Nodes: 0, Watched: true}); got != want {
		t.Errorf("quiet step: %+v, want %+v", got, want)
	}
	if got, want := h.total(), (report.NotReady{Transitions: 3, Nodes: 2, Watched: true}); got != want {
		t.Errorf("run: %+v, want %+v", got, want)
	}
}
