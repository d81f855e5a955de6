package simulator

import (
	"container/heap"
	"context"
	"log/slog"
	"sync"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/utils/clock"
)

// heartbeats owns the node leases: it renews each when it is due, the
// earliest first, with a client and workers of its own, so that pod and node
// status writes never stand in front of a renewal. A node whose lease is
// late is marked NotReady by the controller-manager and its pods are
// evicted, which would spoil the user's experiment; a pod that starts late
// only shows in the figures.
type heartbeats struct {
	clock    clock.WithTicker
	client   kubernetes.Interface
	duration time.Duration // of each lease
	interval time.Duration // between two renewals of one lease
	workers  int
	// yieldAfter is when pod and node writes start to wait for late renewals.
	yieldAfter time.Duration
	metrics    *Metrics
	// nodeOf returns the node to renew the lease of, nil once it is no
	// longer the simulator's.
	nodeOf func(name string) *corev1.Node
	// silenced says whether a node plays a dead kubelet at a moment, and
	// until when (zero: until told otherwise); its lease is not renewed.
	silenced func(node *corev1.Node, now time.Time) (bool, time.Time)
	late     *lateLog

	mu    sync.Mutex
	beats map[string]*heartbeat
	queue dueQueue
	// slow is the smoothed latency of lease writes, which brings the next
	// renewal forward.
	slow time.Duration
	// behindSince is closed when renewals are dispatched on time again; nil
	// while they are (see yield).
	behindSince chan struct{}
	// changed wakes the dispatcher when the earliest deadline may be sooner.
	changed chan struct{}
}

// heartbeat is what the simulator knows of one node's lease.
type heartbeat struct {
	node string
	// lease is the lease as last written; nil means create or fetch it.
	lease *coordinationv1.Lease
	// renewed is the renew time of the last renewal the apiserver accepted.
	renewed time.Time
	// due is when the next try is dispatched; owed is when the renewal it
	// makes was first due, which a retry keeps.
	due, owed time.Time
	// failures counts the renewals that failed in a row.
	failures int
	// index is the heartbeat's place in the queue, -1 while it is renewed.
	index int
	// soon asks, while it is renewed, for the next try at once (renewSoon).
	soon bool
}

// lateAge is the age past which a renewed lease counts as late: halfway
// from when its renewal is due to when it expires. Half the lease duration
// would not do: a kubelet-like lease is due for renewal at half its
// duration, and kmctl's long ones at three quarters.
func lateAge(o Options) time.Duration {
	return (o.LeaseDuration + o.renewInterval()) / 2
}

// maxYield bounds one write's wait for the renewals: while they stay late,
// 256 pod workers still write about 25 times a second.
const maxYield = 10 * time.Second

// yieldAfter is how far behind its due time a renewal may be dispatched
// before pod and node writes yield to the renewals: an eighth of the time
// from when a renewal is due to when its lease expires (2.5 s for a 40 s
// lease renewed every 20 s), at least a second. Yielding sooner slows pods
// for renewals that are in no danger.
func yieldAfter(o Options) time.Duration {
	return max(time.Second, (o.LeaseDuration-o.renewInterval())/8)
}

// newHeartbeats renews leases with client; nodeOf says which nodes are the
// simulator's, and logger where late renewals are reported.
func newHeartbeats(c clock.WithTicker, client kubernetes.Interface, opts Options, metrics *Metrics,
	nodeOf func(string) *corev1.Node, logger func() *slog.Logger) *heartbeats {
	return &heartbeats{
		clock: c, client: client, metrics: metrics, nodeOf: nodeOf, silenced: silenced,
		duration: opts.LeaseDuration, interval: opts.renewInterval(), workers: opts.LeaseWorkers,
		yieldAfter: yieldAfter(opts),
		late:       newLateLog(c, lateAge(opts), logger),
		beats:      map[string]*heartbeat{},
		changed:    make(chan struct{}, 1),
	}
}

// track starts renewing node's lease, first at a random point of one
// interval, so that nodes created together renew apart.
func (h *heartbeats) track(node *corev1.Node) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.beats[node.Name]; ok {
		return
	}
	first := h.clock.Now().Add(jitter(h.interval, 1))
	hb := &heartbeat{node: node.Name, due: first, owed: first}
	h.beats[node.Name] = hb
	heap.Push(&h.queue, hb)
	h.wake()
}

// forget stops renewing a node's lease and drops what was known of it.
func (h *heartbeats) forget(name string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	hb, ok := h.beats[name]
	if !ok {
		return
	}
	delete(h.beats, name)
	if hb.index >= 0 {
		heap.Remove(&h.queue, hb.index)
	}
}

// renewSoon renews a node's lease now, as when its kubelet comes back.
func (h *heartbeats) renewSoon(name string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	hb, ok := h.beats[name]
	if !ok {
		return
	}
	if hb.index < 0 {
		hb.soon = true // in flight: reschedule brings the next try forward
		return
	}
	hb.due, hb.owed = h.clock.Now(), h.clock.Now()
	heap.Fix(&h.queue, hb.index)
	h.wake()
}

// wake tells the dispatcher that the earliest deadline may have moved; h.mu is held.
func (h *heartbeats) wake() {
	select {
	case h.changed <- struct{}{}:
	default:
	}
}

// run renews leases until ctx is done.
func (h *heartbeats) run(ctx context.Context) {
	slots := make(chan struct{}, h.workers)
	for {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		hb := h.nextDue(ctx)
		if hb == nil {
			return
		}
		go func() {
			defer func() { <-slots }()
			h.renew(ctx, hb)
		}()
	}
}

// nextDue waits until the earliest renewal is due and takes it off the
// queue; nil when ctx is done. It is called once a worker is free, so a
// renewal is never promised to a busy worker while an earlier one waits.
func (h *heartbeats) nextDue(ctx context.Context) *heartbeat {
	for {
		h.mu.Lock()
		var wait time.Duration = -1
		if h.queue.Len() > 0 {
			now := h.clock.Now()
			if wait = h.queue[0].due.Sub(now); wait <= 0 {
				hb := heap.Pop(&h.queue).(*heartbeat)
				h.markBehind(-wait > h.yieldAfter)
				h.mu.Unlock()
				return hb
			}
		}
		h.markBehind(false)
		h.mu.Unlock()
		if !h.sleep(ctx, wait) {
			return nil
		}
	}
}

// sleep waits for d (forever if negative) or a change of the queue; false when ctx is done.
func (h *heartbeats) sleep(ctx context.Context, d time.Duration) bool {
	var fire <-chan time.Time
	if d >= 0 {
		t := h.clock.NewTimer(d)
		defer t.Stop()
		fire = t.C()
	}
	select {
	case <-ctx.Done():
		return false
	case <-h.changed:
	case <-fire:
	}
	return true
}

// markBehind records whether renewals are being dispatched late; h.mu is held.
func (h *heartbeats) markBehind(behind bool) {
	switch {
	case behind && h.behindSince == nil:
		h.behindSince = make(chan struct{})
	case !behind && h.behindSince != nil:
		close(h.behindSince)
		h.behindSince = nil
	}
}

// yield holds a pod or node write back while lease renewals are dispatched
// late, so that the apiserver's time goes to the heartbeats first: when the
// machine cannot carry both, pods start later, and no node goes NotReady.
// It waits at most maxYield (or one renewal interval if shorter), so that
// renewals failing for a reason of their own never stop the pods.
func (h *heartbeats) yield(ctx context.Context) {
	h.mu.Lock()
	behind := h.behindSince
	h.mu.Unlock()
	if behind == nil {
		return
	}
	t := h.clock.NewTimer(min(h.interval, maxYield))
	defer t.Stop()
	select {
	case <-behind:
	case <-ctx.Done():
	case <-t.C():
	}
}

// reschedule puts hb back on the queue, to be tried at due for a renewal
// owed since owed, unless its node was forgotten while it was renewed;
// h.mu is held.
func (h *heartbeats) reschedule(hb *heartbeat, due, owed time.Time) {
	if h.beats[hb.node] != hb {
		return
	}
	hb.due, hb.owed = due, owed
	heap.Push(&h.queue, hb)
	h.wake()
}

// overdue counts the renewals due and not yet dispatched.
func (h *heartbeats) overdue() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	now, n := h.clock.Now(), 0
	for _, hb := range h.queue {
		if !hb.due.After(now) {
			n++
		}
	}
	return n
}

// oldestAge is the age of the oldest lease renewed so far, 0 with none.
func (h *heartbeats) oldestAge() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	var oldest time.Time
	for _, hb := range h.beats {
		if !hb.renewed.IsZero() && (oldest.IsZero() || hb.renewed.Before(oldest)) {
			oldest = hb.renewed
		}
	}
	if oldest.IsZero() {
		return 0
	}
	return h.clock.Since(oldest)
}

// dueQueue is a min-heap of heartbeats by due time.
type dueQueue []*heartbeat

func (q dueQueue) Len() int           { return len(q) }
func (q dueQueue) Less(i, j int) bool { return q[i].due.Before(q[j].due) }
func (q dueQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}

func (q *dueQueue) Push(x any) {
	hb := x.(*heartbeat)
	hb.index = len(*q)
	*q = append(*q, hb)
}

func (q *dueQueue) Pop() any {
	old := *q
	hb := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	hb.index = -1
	return hb
}
