package simulator

import (
	"context"
	"time"
)

// departedFor is how long the simulator goes on finishing the deletion of
// pods bound to a node it played kubelet for, once the node object is
// deleted. A kubelet outlives its Node object and confirms the deletion of
// its pods; without that, pods deleted just after `kmctl scale node
// --replicas 0` (a Deployment's, removed by the garbage collector) would stay
// Terminating until the pod garbage collector's 40 s quarantine is over.
const departedFor = 5 * time.Minute

// syncDeparted finishes the deletion of a pod bound to a node this
// simulator played kubelet for until the node was deleted. Pods of nodes it
// never managed are none of its business.
func (s *Simulator) syncDeparted(ctx context.Context, v *podView, node string) error {
	if !v.deleting() || !s.recs.departedRecently(node, s.clock.Now()) {
		return nil
	}
	wait, err := s.playDeletion(ctx, v)
	if wait > 0 {
		s.podQueue.AddAfter(v.key, wait)
	}
	return err
}
