package simulator

import (
	"context"
	"sync"
	"time"
)

// departedFor is how long the simulator goes on finishing the deletion of
// pods bound to a node it played kubelet for, once the node object is
// deleted. A kubelet outlives its Node object and confirms the deletion of
// its pods; without that, pods deleted just after `kmctl scale node
// --replicas 0` (a Deployment's, removed by the garbage collector) would stay
// Terminating until the pod garbage collector's 40 s quarantine is over.
const departedFor = 5 * time.Minute

// departedNodes are the nodes this simulator played kubelet for and that
// were deleted less than departedFor ago.
type departedNodes struct {
	mu        sync.Mutex
	at        map[string]time.Time
	lastPrune time.Time
	now       func() time.Time
}

func newDepartedNodes() *departedNodes {
	return &departedNodes{at: map[string]time.Time{}, now: time.Now}
}

// add records that node was deleted now, and forgets the nodes deleted
// long ago (at most once per departedFor, so deleting thousands of nodes
// stays linear).
func (d *departedNodes) add(node string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	d.at[node] = now
	if now.Sub(d.lastPrune) < departedFor {
		return
	}
	d.lastPrune = now
	for n, at := range d.at {
		if now.Sub(at) >= departedFor {
			delete(d.at, n)
		}
	}
}

// remove forgets node: it exists again.
func (d *departedNodes) remove(node string) {
	d.mu.Lock()
	delete(d.at, node)
	d.mu.Unlock()
}

// has reports whether node was deleted less than departedFor ago.
func (d *departedNodes) has(node string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	at, ok := d.at[node]
	return ok && d.now().Sub(at) < departedFor
}

// syncDeparted finishes the deletion of a pod bound to a node this
// simulator played kubelet for until the node was deleted. Pods of nodes it
// never managed are none of its business.
func (s *Simulator) syncDeparted(ctx context.Context, v *podView, node string) error {
	if !s.departed.has(node) || !v.deleting() {
		return nil
	}
	wait, err := s.playDeletion(ctx, v)
	if wait > 0 {
		s.podQueue.AddAfter(v.key, wait)
	}
	return err
}
