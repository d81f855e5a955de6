package simulator

import (
	"context"
	"math/rand/v2"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/tools/cache"
)

func (s *Simulator) nodeHandler() cache.ResourceEventHandler {
	return cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj any) {
			n := obj.(*corev1.Node)
			if !s.ownsNode(n) {
				return
			}
			s.metrics.nodeAdded(1)
			s.departed.remove(n.Name)
			s.nodeQueue.Add(n.Name)
			s.beats.track(n)
			s.adoptPodsOf(n.Name)
		},
		UpdateFunc: func(old, obj any) {
			if n := obj.(*corev1.Node); s.ownsNode(n) {
				s.nodeQueue.Add(n.Name)
				if faultsChanged(old.(*corev1.Node), n) {
					s.beats.renewSoon(n.Name)
					s.requeuePodsOf(n.Name) // a kubelet back lists its pods again
				}
			}
		},
		DeleteFunc: func(obj any) {
			n, seen := obj.(*corev1.Node)
			ok := seen
			if !seen {
				tomb, _ := obj.(cache.DeletedFinalStateUnknown)
				n, ok = tomb.Obj.(*corev1.Node)
			}
			if ok && s.owned(n.Name) {
				s.metrics.nodeAdded(-1)
				s.forgetNode(n.Name)
			}
			if seen && s.owned(n.Name) {
				s.releaseRangeOfDeleted(n)
			}
			if ok && s.ownsNode(n) {
				s.departed.add(n.Name)
				s.requeuePodsOf(n.Name) // those being deleted are still ours to finish
			}
		},
	}
}

// ownsNode reports whether this simulator plays kubelet for n: it matches the
// selector (checked again here, as not every watch filters) and falls in our shard.
func (s *Simulator) ownsNode(n *corev1.Node) bool {
	return s.nodeSel.Matches(labels.Set(n.Labels)) && s.owned(n.Name)
}

// stillManaged is checked, under s.mu, before a worker records what it
// wrote for a node: the node informer removes a deleted node from its cache
// before the delete handler forgets the node (under s.mu too), so a record
// made after that would be kept for ever.
func (s *Simulator) stillManaged(name string) bool {
	return s.node(name) != nil
}

func (s *Simulator) forgetNode(name string) {
	s.ipam.ForgetNode(name)
	s.reports.forget(name)
	s.beats.forget(name)
	s.mu.Lock()
	delete(s.statusWrite, name)
	s.mu.Unlock()
}

// releaseRangeOfDeleted frees the fallback podCIDR of a node gone from the
// watch because it was deleted. A watch also reports as deleted a node that
// only stopped matching the selector (its last state no longer matches); that
// node still holds its podCIDR, so its range stays reserved, and goes back to
// it if it matches again. So does the range of a node whose deletion the
// watch missed (a tombstone holds its last known state, which cannot tell the
// two apart): a range lost is better than one handed out twice.
func (s *Simulator) releaseRangeOfDeleted(n *corev1.Node) {
	if s.nodeSel.Matches(labels.Set(n.Labels)) {
		s.ranges.release(n.Name)
	}
}

// adoptPodsOf hands the pods bound to a node that just appeared to the pod
// handler again. A pod handled before its node was in the cache (both
// informers start together; a node may also leave the selector and come
// back) was skipped: its IP was not recorded, so another pod could get it.
func (s *Simulator) adoptPodsOf(node string) {
	objs, _ := s.pods.GetIndexer().ByIndex(byNodeIndex, node)
	for _, obj := range objs {
		s.podChanged(obj)
		s.recheckAdopted(obj)
	}
}

// recheckAdopted undoes what adoptPodsOf did with a copy the pod informer
// has moved past meanwhile (its handlers run on another goroutine, after
// the cache changes): a pod deleted gives its IP back and leaves the waiting
// set again; a pod changed is handled again as it is now.
func (s *Simulator) recheckAdopted(obj any) {
	key, err := cache.MetaNamespaceKeyFunc(obj)
	if err != nil {
		return
	}
	old, _ := meta.Accessor(obj)
	cur, exists, _ := s.pods.GetIndexer().GetByKey(key)
	if now, _ := meta.Accessor(cur); exists && now != nil && now.GetUID() == old.GetUID() {
		if cur != obj {
			s.podChanged(cur)
		}
		return
	}
	s.ipam.Release(old.GetUID(), podNode(obj), podIPOf(obj))
	s.podGone(old.GetUID())
}

// requeuePodsOf queues the pods bound to a node that just appeared or went.
func (s *Simulator) requeuePodsOf(node string) {
	objs, _ := s.pods.GetIndexer().ByIndex(byNodeIndex, node)
	for _, obj := range objs {
		s.queuePod(obj)
	}
}

// syncNode gives the node a podCIDR if it has none, and writes its status when
// it differs from a healthy kubelet's or the status period has passed.
func (s *Simulator) syncNode(ctx context.Context, name string) error {
	node := s.node(name)
	if node == nil || !s.ownsNode(node) {
		return nil
	}
	if node.Spec.PodCIDR == "" {
		return s.assignPodCIDR(ctx, node)
	}
	now := metav1.NewTime(s.clock.Now())
	faults, err := faultsOf(node, now.Time)
	if _, unknown := faults.on[FaultUnknown]; err == nil && unknown {
		// A kubelet that died writes nothing: the controller-manager's
		// Unknown conditions stay until the fault ends.
		s.wakeNodeAt(name, faults.next, now.Time)
		return nil
	}
	var desired corev1.NodeStatus
	if err == nil {
		desired, err = desiredNodeStatus(node, s.version, faults, now)
	}
	if err != nil {
		// A bad annotation is the user's to fix, and fixing it queues the
		// node again: retrying before will not help.
		s.skipWrite(writeNodeStatus, name, err)
		return nil
	}
	s.wakeNodeAt(name, faults.next, now.Time)
	s.mu.Lock()
	last, written := s.statusWrite[name]
	s.mu.Unlock()
	due := !written || s.clock.Since(last) >= s.opts.StatusPeriod
	if !due && !nodeStatusChanged(node.Status, desired) {
		return nil
	}
	updated := node.DeepCopy()
	updated.Status = desired
	s.beats.yield(ctx)
	start := time.Now()
	_, err = s.client.CoreV1().Nodes().UpdateStatus(ctx, updated, metav1.UpdateOptions{})
	s.metrics.observe(writeNodeStatus, start, err)
	if err != nil {
		return ignoreGone(err)
	}
	s.mu.Lock()
	if s.stillManaged(name) {
		s.statusWrite[name] = s.clock.Now()
	}
	s.mu.Unlock()
	s.reports.resolved(name, writeNodeStatus)
	s.nodeQueue.AddAfter(name, jitter(s.opts.StatusPeriod, 0.1))
	return nil
}

// wakeNodeAt queues the node again at when (a fault ends), if set.
func (s *Simulator) wakeNodeAt(name string, when, now time.Time) {
	if !when.IsZero() {
		s.nodeQueue.AddAfter(name, max(when.Sub(now), time.Millisecond))
	}
}

// ignoreGone treats an object deleted meanwhile as done; a conflict is
// retried when the informer brings the newer version.
func ignoreGone(err error) error {
	if err == nil || apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil
	}
	return err
}

// jitter returns d scaled by a random factor in [1-f, 1] (f=1: anywhere in [0, d]).
func jitter(d time.Duration, f float64) time.Duration {
	return time.Duration(float64(d) * (1 - f*rand.Float64()))
}
