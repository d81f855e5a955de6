package simulator

import (
	"bytes"
	"context"
	"log/slog"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/version"
	fakediscovery "k8s.io/client-go/discovery/fake"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/tools/cache"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// testSim is a simulator that is not run: tests put objects in its caches
// and call its sync functions directly.
type testSim struct {
	*Simulator
	client *fake.Clientset
	logs   *syncBuffer
}

func newTestSim(t *testing.T, opts Options) *testSim {
	t.Helper()
	client := fake.NewSimpleClientset()
	sim, err := New(Clients{Main: client}, opts, NewMetrics())
	if err != nil {
		t.Fatal(err)
	}
	sim.version = "v1.34.4"
	logs := &syncBuffer{}
	sim.log = slog.New(slog.NewTextHandler(logs, nil))
	return &testSim{Simulator: sim, client: client, logs: logs}
}

// addNode creates a managed node in the fake apiserver and the node cache,
// and records it as the node's first sync does.
func (ts *testSim) addNode(t *testing.T, name, podCIDR string) *corev1.Node {
	t.Helper()
	node := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{LabelManaged: "true"}},
		Spec:       corev1.NodeSpec{PodCIDR: podCIDR},
	}
	created, err := ts.client.CoreV1().Nodes().Create(context.Background(), node, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.nodes.GetStore().Add(created); err != nil {
		t.Fatal(err)
	}
	if err := ts.seeNode(context.Background(), created); err != nil {
		t.Fatal(err)
	}
	return created
}

// addPod creates a pending pod bound to node in the fake apiserver and the
// pod cache; the tests sync it.
func (ts *testSim) addPod(t *testing.T, name, node string) *corev1.Pod {
	t.Helper()
	pod := boundPod()
	pod.Name, pod.UID, pod.Spec.NodeName = name, types.UID("uid-"+name), node
	created, err := ts.client.CoreV1().Pods("default").Create(context.Background(), pod, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.pods.GetIndexer().Add(created); err != nil {
		t.Fatal(err)
	}
	return created
}

// writes is the count of writes of kind with result.
func (ts *testSim) writes(kind, result string) float64 {
	return testutil.ToFloat64(ts.metrics.writes.WithLabelValues(kind, result))
}

// statusWrites counts the status updates the fake apiserver received for resource.
func (ts *testSim) statusWrites(resource string) int {
	n := 0
	for _, a := range ts.client.Actions() {
		if a.GetVerb() == "update" && a.GetResource().Resource == resource && a.GetSubresource() == "status" {
			n++
		}
	}
	return n
}

// within fails the test if f does not return within d (a hang, not a timing).
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %s", what, d)
	}
}

// syncBuffer is a log destination safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// count is how many log lines contain s.
func (b *syncBuffer) count(s string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, line := range strings.Split(b.buf.String(), "\n") {
		if strings.Contains(line, s) {
			n++
		}
	}
	return n
}

// view is the worker's view of pod on node, under key.
func (ts *testSim) view(key string, pod *corev1.Pod, node *corev1.Node) *podView {
	v, _ := viewOf(pod, ts.clock.Now(), ts.script)
	v.key, v.node = key, node
	v.rec, _ = ts.recs.pod(key, v.del.uid, pod.Spec.NodeName)
	return v
}

// cachePod puts obj in the pod cache as the informer delivers it, and syncs
// it as the worker the handler queues it for does.
func (ts *testSim) cachePod(t *testing.T, obj any) {
	t.Helper()
	ts.deliverPod(t, obj, ts.pods.GetIndexer().Update)
}

// uncachePod removes obj from the pod cache, as a deletion does, and syncs
// its key.
func (ts *testSim) uncachePod(t *testing.T, obj any) {
	t.Helper()
	ts.deliverPod(t, obj, ts.pods.GetIndexer().Delete)
}

// deliverPod changes the pod cache with obj and syncs obj's key.
func (ts *testSim) deliverPod(t *testing.T, obj any, change func(any) error) {
	t.Helper()
	if err := change(obj); err != nil {
		t.Fatal(err)
	}
	key, _ := cache.MetaNamespaceKeyFunc(obj)
	syncOK(t, ts, key)
}

// holds reports whether the node's pool has ip taken by uid.
func holds(ts *testSim, node, ip string, uid types.UID) bool {
	ts.recs.mu.Lock()
	defer ts.recs.mu.Unlock()
	n := ts.recs.live(node)
	return n != nil && n.pool.used[netip.MustParseAddr(ip)] == uid
}

// runSim runs a simulator with opts against a fake apiserver until the
// test ends, its caches synced.
func runSim(t *testing.T, opts Options) (context.Context, *Simulator, *fake.Clientset) {
	t.Helper()
	client := fake.NewSimpleClientset()
	client.Discovery().(*fakediscovery.FakeDiscovery).FakedServerVersion = &version.Info{GitVersion: "v1.34.4"}
	sim, err := New(Clients{Main: client}, opts, NewMetrics())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { _ = sim.Run(ctx) }()
	<-sim.Synced()
	return ctx, sim, client
}
