package bench

import (
	"fmt"
	"sync"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"

	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/scale"
	"github.com/kmctl/kmctl/pkg/simulator"
)

// nodeHealth counts the NotReady transitions of the nodes a watch delivers,
// per step and over the run. It is the watch's event handler.
type nodeHealth struct {
	mu sync.Mutex
	// ready is whether each node's Ready condition was True when last seen.
	ready     map[string]bool
	step, run notReadyCount
	// synced tells whether the watch has listed the nodes; nil: not yet.
	synced func() bool
}

// notReadyCount is the transitions since some point, and the nodes that made them.
type notReadyCount struct {
	transitions int
	nodes       map[string]struct{}
}

func newNodeHealth() *nodeHealth {
	return &nodeHealth{ready: map[string]bool{}, step: newNotReadyCount(), run: newNotReadyCount()}
}

func newNotReadyCount() notReadyCount { return notReadyCount{nodes: map[string]struct{}{}} }

// OnAdd records a node as first seen: a node that was never Ready has not
// turned NotReady.
func (h *nodeHealth) OnAdd(obj any, _ bool) { h.observe(obj) }

// OnUpdate compares the node with what was last seen of it.
func (h *nodeHealth) OnUpdate(_, obj any) { h.observe(obj) }

// OnDelete forgets a node: a deleted node did not turn NotReady.
func (h *nodeHealth) OnDelete(obj any) {
	key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
	if err != nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.ready, key)
}

// observe counts a transition when a node that was Ready no longer is.
func (h *nodeHealth) observe(obj any) {
	node, ok := obj.(*corev1.Node)
	if !ok {
		return
	}
	ready := scale.NodeReady(node) == corev1.ConditionTrue
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ready[node.Name] && !ready {
		h.step.add(node.Name)
		h.run.add(node.Name)
	}
	h.ready[node.Name] = ready
}

func (c *notReadyCount) add(node string) {
	c.transitions++
	c.nodes[node] = struct{}{}
}

// take returns the transitions since the last take and starts counting
// the next step's.
func (h *nodeHealth) take() report.NotReady {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := h.result(h.step)
	h.step = newNotReadyCount()
	return n
}

// total returns the transitions over the whole run.
func (h *nodeHealth) total() report.NotReady {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.result(h.run)
}

func (h *nodeHealth) result(c notReadyCount) report.NotReady {
	return report.NotReady{Transitions: c.transitions, Nodes: len(c.nodes), Watched: h.synced != nil && h.synced()}
}

// watchNodes feeds h every change of the nodes the simulator manages until
// stop, which returns once the watch has ended. It only reads.
func watchNodes(client kubernetes.Interface, h *nodeHealth) (stop func(), err error) {
	sel := labels.Set{simulator.LabelManaged: "true"}.String()
	factory := informers.NewSharedInformerFactoryWithOptions(client, 0,
		informers.WithTweakListOptions(func(o *metav1.ListOptions) { o.LabelSelector = sel }))
	inf := factory.Core().V1().Nodes().Informer()
	if _, err := inf.AddEventHandler(h); err != nil {
		return nil, fmt.Errorf("cannot watch the nodes: %w", err)
	}
	h.mu.Lock()
	h.synced = inf.HasSynced
	h.mu.Unlock()
	done := make(chan struct{})
	factory.Start(done)
	return func() {
		close(done)
		factory.Shutdown()
	}, nil
}
