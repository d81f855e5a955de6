package simulator

import (
	"container/heap"
	"context"
	"testing"

	"k8s.io/apimachinery/pkg/runtime"
	k8stesting "k8s.io/client-go/testing"
)

// TestNodeDeletedDuringAWriteIsForgotten: a node deleted while a worker
// writes its status or lease leaves nothing behind in the simulator's
// records once the sync its deletion queued has run.
func TestNodeDeletedDuringAWriteIsForgotten(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	node := ts.addNode(t, "n1", "10.0.0.0/24")
	deleteNode := func(k8stesting.Action) (bool, runtime.Object, error) {
		if err := ts.nodes.GetStore().Delete(node); err != nil {
			t.Error(err)
		}
		ts.nodeHandler().OnDelete(node) // the event comes while the write is answered: it queues the node
		return false, nil, nil
	}
	ts.client.PrependReactor("update", "nodes", deleteNode)
	ts.client.PrependReactor("create", "leases", deleteNode)
	if err := ts.syncNode(context.Background(), "n1"); err != nil {
		t.Fatal(err)
	}
	if key, _ := ts.nodeQueue.Get(); key != "n1" {
		t.Fatalf("queued %q, want n1", key)
	}
	if err := ts.syncNode(context.Background(), "n1"); err != nil {
		t.Fatal(err)
	}
	if _, recorded := ts.recs.statusWrittenAt("n1"); recorded || ts.recs.nodes["n1"].pool != nil {
		t.Error("the deleted node's last status write or its pool is still recorded")
	}
	if err := ts.nodes.GetStore().Add(node); err != nil { // it comes back, to go again
		t.Fatal(err)
	}
	if err := ts.seeNode(context.Background(), node); err != nil {
		t.Fatal(err)
	}
	ts.beats.renew(context.Background(), heap.Pop(&ts.beats.queue).(*heartbeat))
	if err := ts.syncNode(context.Background(), "n1"); err != nil { // queued by the deletion
		t.Fatal(err)
	}
	if len(ts.beats.beats) != 0 || ts.beats.queue.Len() != 0 {
		t.Errorf("the deleted node's lease is still kept: %d heartbeats, %d queued", len(ts.beats.beats), ts.beats.queue.Len())
	}
}
