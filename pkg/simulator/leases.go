package simulator

import (
	"context"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// renew writes one renewal of hb's lease and schedules the next: one
// interval after this one, brought forward by twice the time lease writes
// take now, so that a slow apiserver does not age the lease past the
// interval; a failure is retried soon, well within the lease's duration.
func (h *heartbeats) renew(ctx context.Context, hb *heartbeat) {
	node := h.nodeOf(hb.node)
	if node == nil {
		h.forget(hb.node)
		return
	}
	if h.skipSilenced(hb, node) {
		return
	}
	h.mu.Lock()
	lease, owed, prev := hb.lease, hb.owed, hb.renewed
	h.mu.Unlock()
	sent := h.clock.Now()
	got, err := h.write(ctx, node, lease, sent)
	done := h.clock.Now()
	h.mu.Lock()
	defer h.mu.Unlock()
	if err != nil {
		hb.lease = nil // fetch it afresh
		hb.failures++
		h.reschedule(hb, done.Add(retryDelay(hb.failures, h.interval)), owed)
		return
	}
	hb.lease, hb.renewed, hb.failures, hb.soon = got, sent, 0, false
	h.observeLatency(done.Sub(sent))
	age := ageAt(prev, done)
	h.metrics.leaseRenewed(done.Sub(owed), age, age > h.late.limit)
	h.late.observe(hb.node, age)
	next := sent.Add(jitter(h.interval, 0.1) - min(2*h.slow, h.interval/4))
	h.reschedule(hb, next, next)
}

// skipSilenced puts off the renewal of a node that plays a dead kubelet,
// until its fault ends or one interval, whichever is first (renewSoon
// brings it forward when the fault is cleared). The lease counts as never
// renewed meanwhile, so its age is neither late nor the oldest.
func (h *heartbeats) skipSilenced(hb *heartbeat, node *corev1.Node) bool {
	now := h.clock.Now()
	quiet, until := h.silenced(node, now)
	if !quiet {
		return false
	}
	next := now.Add(h.interval)
	if !until.IsZero() && until.Before(next) {
		next = until
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if hb.soon { // the faults changed while this renewal was judged
		hb.soon, next = false, now
	}
	hb.renewed = time.Time{}
	h.reschedule(hb, next, next)
	return true
}

// observeLatency smooths the latency of lease writes, which brings
// renewals forward; h.mu is held.
func (h *heartbeats) observeLatency(d time.Duration) {
	if h.slow == 0 {
		h.slow = d
		return
	}
	h.slow += (d - h.slow) / 8
}

// ageAt is the age of a lease renewed at prev when it is renewed again at
// now; 0 for a lease renewed for the first time.
func ageAt(prev, now time.Time) time.Duration {
	if prev.IsZero() {
		return 0
	}
	return now.Sub(prev)
}

// retryDelay is how long a failed renewal waits: 250 ms doubling, at most a
// tenth of the interval, so a lease gets several tries before it expires.
func retryDelay(failures int, interval time.Duration) time.Duration {
	return min(250*time.Millisecond<<min(failures-1, 10), max(interval/10, 250*time.Millisecond))
}

// write renews the lease, creating it the first time. A lease changed by
// someone else (a conflict) is fetched again and renewed at once, rather
// than waiting for a retry while it ages.
func (h *heartbeats) write(ctx context.Context, node *corev1.Node, lease *coordinationv1.Lease, now time.Time) (*coordinationv1.Lease, error) {
	leases := h.client.CoordinationV1().Leases(corev1.NamespaceNodeLease)
	renewTime := metav1.NewMicroTime(now)
	if lease == nil {
		start := h.clock.Now()
		got, err := leases.Create(ctx, newLease(node, h.duration, renewTime), metav1.CreateOptions{})
		h.metrics.observe(writeLease, start, err)
		if !apierrors.IsAlreadyExists(err) {
			return got, err
		}
		if lease, err = leases.Get(ctx, node.Name, metav1.GetOptions{}); err != nil {
			return nil, err
		}
	}
	got, err := h.update(ctx, renewedLease(lease, node, h.duration, renewTime))
	if apierrors.IsConflict(err) {
		if lease, err = leases.Get(ctx, node.Name, metav1.GetOptions{}); err != nil {
			return nil, err
		}
		got, err = h.update(ctx, renewedLease(lease, node, h.duration, renewTime))
	}
	return got, err
}

func (h *heartbeats) update(ctx context.Context, lease *coordinationv1.Lease) (*coordinationv1.Lease, error) {
	start := h.clock.Now()
	got, err := h.client.CoordinationV1().Leases(corev1.NamespaceNodeLease).Update(ctx, lease, metav1.UpdateOptions{})
	h.metrics.observe(writeLease, start, err)
	return got, err
}

// renewedLease is lease held by node and renewed at now.
func renewedLease(lease *coordinationv1.Lease, node *corev1.Node, duration time.Duration, now metav1.MicroTime) *coordinationv1.Lease {
	renewed := lease.DeepCopy()
	renewed.Spec.RenewTime = &now
	renewed.Spec.HolderIdentity = ptr(node.Name)
	renewed.Spec.LeaseDurationSeconds = ptr(int32(duration / time.Second))
	return renewed
}

func newLease(node *corev1.Node, duration time.Duration, now metav1.MicroTime) *coordinationv1.Lease {
	return &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{
			Name:      node.Name,
			Namespace: corev1.NamespaceNodeLease,
			OwnerReferences: []metav1.OwnerReference{{
				APIVersion: "v1", Kind: "Node", Name: node.Name, UID: node.UID,
			}},
		},
		Spec: coordinationv1.LeaseSpec{
			HolderIdentity:       ptr(node.Name),
			LeaseDurationSeconds: ptr(int32(duration / time.Second)),
			RenewTime:            &now,
		},
	}
}
