package simulator

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	k8stesting "k8s.io/client-go/testing"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
)

// TestPodsOfANodeWithoutPodAddresses: pods bound to a node whose podCIDR has
// no address for them (a /31, a /32) are not started, not retried, counted
// as invalid pod status writes and logged once per node; a host-network pod
// of the /31 still runs on the node's address.
func TestPodsOfANodeWithoutPodAddresses(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	ts.addNode(t, "n31", "10.0.0.0/31")
	ts.addNode(t, "n32", "10.0.0.4/32")
	for i, node := range []string{"n31", "n31", "n32"} {
		ts.addPod(t, fmt.Sprint("p", i), node)
	}
	for i := 0; i < 3; i++ {
		var err error
		within(t, 5*time.Second, "syncPod", func() { err = ts.syncPod(context.Background(), fmt.Sprint("default/p", i)) })
		if err != nil {
			t.Errorf("pod p%d: %v; want no error (the worker would retry it)", i, err)
		}
	}
	if got := ts.writes(writePodStatus, resultInvalid); got != 3 || ts.statusWrites("pods") != 0 {
		t.Errorf("%v invalid and %d sent pod status writes, want 3 and 0", got, ts.statusWrites("pods"))
	}
	if a, b := ts.logs.count("node=n31"), ts.logs.count("node=n32"); a != 1 || b != 1 {
		t.Errorf("logged n31 %d times and n32 %d times, want once each:\n%s", a, b, ts.logs.buf.String())
	}
	host := ts.addPod(t, "host", "n31")
	host.Spec.HostNetwork = true
	_ = ts.pods.GetIndexer().Update(host)
	if err := ts.syncPod(context.Background(), "default/host"); err != nil || ts.statusWrites("pods") != 1 {
		t.Errorf("the host-network pod of a /31 node: %v, %d status writes", err, ts.statusWrites("pods"))
	}
}

// TestSyncPodWhenTheNodeGoesMeanwhile: the node is deleted from the cache
// right after the first look-up; syncPod must not look again (and find nil).
func TestSyncPodWhenTheNodeGoesMeanwhile(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	ts.addNode(t, "n1", "10.0.1.0/24")
	ts.addPod(t, "p", "n1")
	ts.nodes = vanishingNodes{ts.nodes, vanishingStore{ts.nodes.GetStore()}}
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return ts.syncPod(context.Background(), "default/p")
	}()
	if err != nil {
		t.Fatal(err)
	}
}

// vanishingNodes is a node informer whose store loses a node once read.
type vanishingNodes struct {
	cache.SharedIndexInformer
	store cache.Store
}

func (v vanishingNodes) GetStore() cache.Store { return v.store }

type vanishingStore struct{ cache.Store }

func (s vanishingStore) GetByKey(key string) (any, bool, error) {
	obj, ok, err := s.Store.GetByKey(key)
	if ok {
		_ = s.Store.Delete(obj)
	}
	return obj, ok, err
}

// TestOnlyAcceptedStatusWritesCount: a status write that conflicts or finds
// the pod gone starts nothing; the pod is seen once, started once, and the
// counters agree with the pods waiting all along.
func TestOnlyAcceptedStatusWritesCount(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	ts.addNode(t, "n1", "10.0.2.0/24")
	failures := map[string]error{ // the first status write of each pod
		"p": apierrors.NewConflict(schema.GroupResource{Resource: "pods"}, "p", fmt.Errorf("stale")),
		"q": apierrors.NewNotFound(schema.GroupResource{Resource: "pods"}, "q"),
	}
	ts.client.PrependReactor("update", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		name := a.(k8stesting.UpdateAction).GetObject().(metav1.Object).GetName()
		err, fail := failures[name]
		if a.GetSubresource() != "status" || !fail {
			return false, nil, nil
		}
		delete(failures, name)
		return true, nil, err
	})
	ts.addPod(t, "p", "n1")
	syncOK(t, ts, "default/p") // conflict
	assertPodCounts(t, ts.Simulator, 1, 0, 0)
	syncOK(t, ts, "default/p") // retried
	assertPodCounts(t, ts.Simulator, 1, 1, 0)
	running, _ := ts.client.CoreV1().Pods("default").Get(context.Background(), "p", metav1.GetOptions{})
	ts.cachePod(t, running)
	assertPodCounts(t, ts.Simulator, 1, 1, 0)

	gone := ts.addPod(t, "q", "n1")
	syncOK(t, ts, "default/q") // not found: deleted meanwhile
	assertPodCounts(t, ts.Simulator, 2, 1, 0)
	ts.uncachePod(t, gone)
	assertPodCounts(t, ts.Simulator, 2, 1, 1)
	if _, kept := ts.recs.pods["default/q"]; kept || len(ts.recs.pods) != 1 {
		t.Errorf("pod records kept: %v", ts.recs.pods)
	}
}

func syncOK(t *testing.T, ts *testSim, key string) {
	t.Helper()
	if err := ts.syncPod(context.Background(), key); err != nil {
		t.Fatalf("%s: %v", key, err)
	}
}

// TestBadCapacityAnnotationIsCountedAndLoggedOnce: a node whose capacity
// annotation does not parse gets no status write, which is counted as an
// invalid node status write at each sync and logged once, until fixed.
func TestBadCapacityAnnotationIsCountedAndLoggedOnce(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	node := ts.addNode(t, "n1", "10.0.3.0/24")
	setCapacity := func(v string) {
		node.Annotations = map[string]string{AnnotationCapacity: v}
		_ = ts.nodes.GetStore().Update(node)
	}
	setCapacity(`{"cpu":`)
	for i := 0; i < 2; i++ {
		if err := ts.syncNode(context.Background(), "n1"); err != nil {
			t.Fatalf("sync %d: %v, want no error (no retry)", i, err)
		}
	}
	if got, sent := ts.writes(writeNodeStatus, resultInvalid), ts.statusWrites("nodes"); got != 2 || sent != 0 {
		t.Errorf("%v invalid and %d sent node status writes, want 2 and 0", got, sent)
	}
	if n := ts.logs.count(AnnotationCapacity); n != 1 || !strings.Contains(ts.logs.buf.String(), "node=n1") {
		t.Errorf("logged %d times, want once naming the node:\n%s", n, ts.logs.buf.String())
	}
	setCapacity(`{"cpu":"4"}`) // fixed: written, and a new breakage is logged anew
	if err := ts.syncNode(context.Background(), "n1"); err != nil || ts.statusWrites("nodes") != 1 {
		t.Fatalf("after the fix: %v, %d status writes", err, ts.statusWrites("nodes"))
	}
	setCapacity(`[]`)
	_ = ts.syncNode(context.Background(), "n1")
	if n := ts.logs.count(AnnotationCapacity); n != 2 {
		t.Errorf("logged %d times, want twice", n)
	}
}

// TestUnansweredRunningWriteCountsStarted: a Running status write that the
// apiserver applied but whose answer was lost (a timeout under load) left the
// pod counted waiting for ever. Here the retry comes before the Running
// status reaches the cache, so it conflicts; the Running status, when it
// comes, queues the pod, whose next sync counts it started without writing.
func TestUnansweredRunningWriteCountsStarted(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	ts.addNode(t, "n1", "10.0.2.0/24")
	statusWrites := 0
	ts.client.PrependReactor("update", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		if a.GetSubresource() != "status" {
			return false, nil, nil
		}
		statusWrites++
		if statusWrites > 1 { // the retry, with the copy the write replaced
			return true, nil, apierrors.NewConflict(schema.GroupResource{Resource: "pods"}, "p", fmt.Errorf("stale"))
		}
		u := a.(k8stesting.UpdateAction)
		if err := ts.client.Tracker().Update(u.GetResource(), u.GetObject(), u.GetNamespace()); err != nil {
			return true, nil, err
		}
		return true, nil, apierrors.NewTimeoutError("the answer was lost", 1)
	})
	ts.addPod(t, "p", "n1")
	if err := ts.syncPod(context.Background(), "default/p"); err == nil {
		t.Fatal("the lost answer gave no error")
	}
	syncOK(t, ts, "default/p") // the retry conflicts
	assertPodCounts(t, ts.Simulator, 1, 0, 0)
	drain(ts.podQueue)

	running, err := ts.client.CoreV1().Pods("default").Get(context.Background(), "p", metav1.GetOptions{})
	if err != nil || running.Status.Phase != corev1.PodRunning {
		t.Fatalf("the write was not applied: %v", err)
	}
	cached, _ := ts.trim(running) // the informer's form of it
	ts.cachePod(t, cached)
	assertPodCounts(t, ts.Simulator, 1, 1, 0)
	if statusWrites != 2 {
		t.Errorf("%d status writes, want the lost one and the conflict", statusWrites)
	}
}

// drain empties a queue as workers would.
func drain(q workqueue.TypedRateLimitingInterface[string]) {
	for q.Len() > 0 {
		key, _ := q.Get()
		q.Done(key)
		q.Forget(key)
	}
}

// TestRunningDelayHoldsThePodThenForgetsIt: a pod with a running delay gets no
// status write until its delay is over, runs after it, and nothing of its
// delay is kept once it runs, even if it is synced again before its Running
// status reaches the cache.
func TestRunningDelayHoldsThePodThenForgetsIt(t *testing.T) {
	opts := DefaultOptions()
	opts.RunningDelay = time.Hour
	ts := newTestSim(t, opts)
	ts.addNode(t, "n1", "10.0.2.0/24")
	pod := ts.addPod(t, "p", "n1")
	syncOK(t, ts, "default/p")
	if n := ts.statusWrites("pods"); n != 0 {
		t.Fatalf("%d status writes before the delay is over", n)
	}
	ts.recs.pods["default/p"].due = time.Now().Add(-2 * time.Hour) // the hour has passed
	syncOK(t, ts, "default/p")
	if n := ts.statusWrites("pods"); n != 1 {
		t.Fatalf("%d status writes once the delay is over, want 1", n)
	}
	syncOK(t, ts, "default/p") // again, before the Running status reaches the cache
	ts.uncachePod(t, pod)
	if len(ts.recs.pods) != 0 {
		t.Errorf("records kept: %v", ts.recs.pods)
	}
}
