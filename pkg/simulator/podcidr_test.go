package simulator

import (
	"context"
	"fmt"
	"net/netip"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	k8stesting "k8s.io/client-go/testing"
)

// TestFallbackPodCIDRsAreDistinct: node workers assigning podCIDRs at once,
// before the cache shows any of their updates (here it never does), give
// every node its own range.
func TestFallbackPodCIDRsAreDistinct(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	nodes := make([]*corev1.Node, 64)
	for i := range nodes {
		nodes[i] = ts.addNode(t, fmt.Sprint("n", i), "")
	}
	var wg sync.WaitGroup
	for _, n := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := ts.assignPodCIDR(context.Background(), n); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	assertDistinctPodCIDRs(t, ts)
}

// TestFallbackPodCIDRFreedWhenTheUpdateFails: a range reserved for a node
// whose update fails goes to the next node; a deleted node's range is free.
func TestFallbackPodCIDRFreedWhenTheUpdateFails(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	fail := true
	ts.client.PrependReactor("update", "nodes", func(k8stesting.Action) (bool, runtime.Object, error) {
		if fail {
			fail = false
			return true, nil, apierrors.NewServiceUnavailable("try again")
		}
		return false, nil, nil
	})
	bad, good := ts.addNode(t, "bad", ""), ts.addNode(t, "good", "")
	if err := ts.assignPodCIDR(context.Background(), bad); err == nil {
		t.Fatal("want the update's error, to retry")
	}
	if err := ts.assignPodCIDR(context.Background(), good); err != nil {
		t.Fatal(err)
	}
	if got := podCIDROf(t, ts, "good"); got != "10.64.0.0/24" {
		t.Errorf("good got %s, want the range freed by the failed update, 10.64.0.0/24", got)
	}
	deleteNode(t, ts, mustGetNode(t, ts, "good"))
	if err := ts.assignPodCIDR(context.Background(), bad); err != nil || podCIDROf(t, ts, "bad") != "10.64.0.0/24" {
		t.Errorf("bad got %s (%v), want the deleted node's 10.64.0.0/24", podCIDROf(t, ts, "bad"), err)
	}
}

// TestFallbackPodCIDRKeptByANodeThatLeavesTheSelector: the watch reports a
// node whose label no longer matches as deleted; it still holds its podCIDR,
// so the next node gets another range, and the node gets its own back if it
// matches again.
func TestFallbackPodCIDRKeptByANodeThatLeavesTheSelector(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	left := ts.addNode(t, "left", "")
	if err := ts.assignPodCIDR(context.Background(), left); err != nil {
		t.Fatal(err)
	}
	unlabelled := mustGetNode(t, ts, "left")
	unlabelled.Labels = nil
	if _, err := ts.client.CoreV1().Nodes().Update(context.Background(), unlabelled, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := ts.nodes.GetStore().Delete(unlabelled); err != nil {
		t.Fatal(err)
	}
	if err := ts.syncNode(context.Background(), "left"); err != nil { // the watch's deletion
		t.Fatal(err)
	}
	next := ts.addNode(t, "next", "")
	if err := ts.assignPodCIDR(context.Background(), next); err != nil {
		t.Fatal(err)
	}
	assertDistinctPodCIDRs(t, ts)
	cidr, _, err := ts.recs.reserveRange("left", nil)
	if err != nil || cidr != podCIDROf(t, ts, "left") {
		t.Errorf("left would get %s (%v) back, want its own %s", cidr, err, podCIDROf(t, ts, "left"))
	}
}

// TestFallbackPodCIDRKeptWhenTheReadFails: whether a node that left the
// watch was deleted is read from the apiserver; when that read fails, the
// range stays reserved.
func TestFallbackPodCIDRKeptWhenTheReadFails(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	node := ts.addNode(t, "gone", "")
	if err := ts.assignPodCIDR(context.Background(), node); err != nil {
		t.Fatal(err)
	}
	last := mustGetNode(t, ts, "gone")
	ts.client.PrependReactor("get", "nodes", func(k8stesting.Action) (bool, runtime.Object, error) {
		return true, nil, apierrors.NewServiceUnavailable("try again")
	})
	deleteNode(t, ts, last)
	if cidr, fresh, err := ts.recs.reserveRange("gone", nil); err != nil || fresh || cidr != last.Spec.PodCIDR {
		t.Errorf("gone would get %s (fresh %v, %v), want its own %s kept", cidr, fresh, err, last.Spec.PodCIDR)
	}
}

// deleteNode deletes a node from the fake apiserver and the cache and syncs
// it, as the watch's deletion does.
func deleteNode(t *testing.T, ts *testSim, n *corev1.Node) {
	t.Helper()
	name := n.Name
	if err := ts.client.CoreV1().Nodes().Delete(context.Background(), name, metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := ts.nodes.GetStore().Delete(n); err != nil {
		t.Fatal(err)
	}
	if err := ts.syncNode(context.Background(), name); err != nil {
		t.Fatal(err)
	}
}

func mustGetNode(t *testing.T, ts *testSim, name string) *corev1.Node {
	t.Helper()
	n, err := ts.client.CoreV1().Nodes().Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFallbackPodCIDRsOfShards: shards, which share nothing, assign ranges
// at once from the same cache and never pick the same one.
func TestFallbackPodCIDRsOfShards(t *testing.T) {
	all := map[string]string{}
	for shard := 0; shard < 3; shard++ {
		opts := DefaultOptions()
		opts.ShardIndex, opts.ShardCount = shard, 3
		ts := newTestSim(t, opts)
		for i := 0; i < 5; i++ {
			n := ts.addNode(t, fmt.Sprint("n", shard, "-", i), "")
			if err := ts.assignPodCIDR(context.Background(), n); err != nil {
				t.Fatal(err)
			}
			cidr := podCIDROf(t, ts, n.Name)
			if other, dup := all[cidr]; dup {
				t.Fatalf("%s and %s both got %s", other, n.Name, cidr)
			}
			all[cidr] = n.Name
			if i := rangeIndex(t, cidr); i%3 != shard {
				t.Errorf("shard %d handed out range %d (%s)", shard, i, cidr)
			}
		}
	}
}

func rangeIndex(t *testing.T, cidr string) int {
	t.Helper()
	a, b := netip.MustParsePrefix(cidr).Addr().As4(), fallbackCIDRs.Addr().As4()
	return (int(a[1])-int(b[1]))<<8 + int(a[2]) - int(b[2])
}

func podCIDROf(t *testing.T, ts *testSim, node string) string {
	t.Helper()
	n, err := ts.client.CoreV1().Nodes().Get(context.Background(), node, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return n.Spec.PodCIDR
}

func assertDistinctPodCIDRs(t *testing.T, ts *testSim) {
	t.Helper()
	list, err := ts.client.CoreV1().Nodes().List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	owner := map[string]string{}
	for _, n := range list.Items {
		if other, dup := owner[n.Spec.PodCIDR]; dup || n.Spec.PodCIDR == "" {
			t.Errorf("%s got %q, as %s did", n.Name, n.Spec.PodCIDR, other)
		}
		owner[n.Spec.PodCIDR] = n.Name
	}
}
