package simulator

import (
	"context"
	"math/rand/v2"
	"net/netip"
	"time"

	"github.com/kmctl/kmctl/pkg/apiwrite"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/cache"
)

// nodeHandler queues every change of a node of this shard; the node's
// sync does the rest.
func (s *Simulator) nodeHandler() cache.ResourceEventHandler {
	queue := func(obj any) {
		if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil && s.owned(key) {
			s.nodeQueue.Add(key)
		}
	}
	return cache.ResourceEventHandlerFuncs{
		AddFunc:    queue,
		UpdateFunc: func(_, obj any) { queue(obj) },
		DeleteFunc: queue,
	}
}

// ownsNode reports whether this simulator plays kubelet for n: it matches the
// selector (checked again here, as not every watch filters) and falls in our shard.
func (s *Simulator) ownsNode(n *corev1.Node) bool {
	return s.nodeSel.Matches(labels.Set(n.Labels)) && s.owned(n.Name)
}

// seeNode brings the node's record up to date: the first time, it starts
// renewing the node's lease and queues its pods; when its faults change, a
// kubelet coming back renews the lease at once and lists its pods again;
// when a kubelet restart is asked for, it plays one (see restartKubelet).
func (s *Simulator) seeNode(ctx context.Context, node *corev1.Node) error {
	held := func() []heldIP { return s.heldIPs(node.Name) }
	change := s.recs.seeNode(node.Name, node.Annotations[AnnotationNodeFaults], node.Annotations[AnnotationKubeletRestart], held, s.cachedPod)
	switch {
	case change.fresh:
		s.metrics.nodeAdded(1)
		s.beats.track(node)
		s.requeuePodsOf(node.Name)
	case change.restarted:
		return s.restartKubelet(ctx, node)
	case change.faultsChanged:
		s.beats.renewSoon(node.Name)
		s.requeuePodsOf(node.Name)
	}
	return nil
}

// heldIPs lists the IPs the cached pods of a node report, but for pods
// that ended (their IP is free) and host-network pods (the node's IP).
func (s *Simulator) heldIPs(node string) []heldIP {
	objs, _ := s.pods.GetIndexer().ByIndex(byNodeIndex, node)
	var held []heldIP
	for _, obj := range objs {
		v, ok := viewOf(obj, s.clock.Now(), s.script)
		addr, err := netip.ParseAddr(podIPOf(obj))
		key, kerr := cache.MetaNamespaceKeyFunc(obj)
		if ok && err == nil && kerr == nil && !v.ended && !v.hostNetwork {
			held = append(held, heldIP{key: key, uid: v.del.uid, ip: addr})
		}
	}
	return held
}

// cachedPod reports whether the pod cache holds key with this UID (a pod of
// the same name made again has another).
func (s *Simulator) cachedPod(key string, uid types.UID) bool {
	obj, exists, err := s.pods.GetIndexer().GetByKey(key)
	if err != nil || !exists {
		return false
	}
	m, isMeta := obj.(metav1.ObjectMetaAccessor)
	return isMeta && m.GetObjectMeta().GetUID() == uid
}

// nodeLeft handles a node that is no longer the simulator's (deleted, or out
// of its selector or shard): the first time, it stops the lease and marks the
// node departed, so that the deletions of its pods are still finished (see
// departedFor); departedFor later, the record goes.
func (s *Simulator) nodeLeft(ctx context.Context, name string) {
	now := s.clock.Now()
	if !s.recs.departNode(name, now) {
		s.recs.dropDeparted(name, now)
		return
	}
	s.metrics.nodeAdded(-1)
	s.beats.forget(name)
	s.requeuePodsOf(name) // those being deleted are still ours to finish
	s.nodeQueue.AddAfter(name, departedFor)
	s.releaseRangeIfDeleted(ctx, name)
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
		s.nodeLeft(ctx, name)
		return nil
	}
	if err := s.seeNode(ctx, node); err != nil {
		return err
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
	last, written := s.recs.statusWrittenAt(name)
	due := !written || s.clock.Since(last) >= s.opts.StatusPeriod
	if !due && !nodeStatusChanged(node.Status, desired) {
		return nil
	}
	updated := node.DeepCopy()
	updated.Status = desired
	s.beats.yield(ctx)
	start := time.Now()
	err = apiwrite.NodeStatus(ctx, s.client, updated)
	s.metrics.observe(writeNodeStatus, start, err)
	if err != nil {
		return ignoreGone(err)
	}
	s.recs.wroteStatus(name, s.clock.Now())
	s.recs.resolved(name, writeNodeStatus)
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
