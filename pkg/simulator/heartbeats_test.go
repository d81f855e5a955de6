package simulator

import (
	"container/heap"
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	k8stypes "k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
	clocktesting "k8s.io/utils/clock/testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// beatsFixture is a heartbeats on a fake clock and a fake apiserver, for
// nodes n0, n1, ... that are all the simulator's.
type beatsFixture struct {
	*heartbeats
	clock   *clocktesting.FakeClock
	client  *fake.Clientset
	metrics *Metrics
	logs    *syncBuffer
}

func newBeats(t *testing.T, workers int) *beatsFixture {
	t.Helper()
	opts := DefaultOptions()
	opts.LeaseDuration, opts.RenewFraction, opts.LeaseWorkers = 40*time.Second, 0.5, workers
	c := clocktesting.NewFakeClock(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC))
	client := fake.NewSimpleClientset()
	metrics := NewMetrics()
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	nodeOf := func(name string) *corev1.Node {
		return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, UID: k8stypes.UID("uid-" + name)}}
	}
	h := newHeartbeats(c, client, opts, metrics, nodeOf, func() *slog.Logger { return logger })
	metrics.registerLeases(opts.LeaseDuration, h.oldestAge)
	return &beatsFixture{heartbeats: h, clock: c, client: client, metrics: metrics, logs: logs}
}

// trackDue tracks node name with its first renewal due at due.
func (f *beatsFixture) trackDue(name string, due time.Time) {
	f.track(&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name}})
	f.mu.Lock()
	defer f.mu.Unlock()
	hb := f.beats[name]
	hb.due, hb.owed = due, due
	heap.Fix(&f.queue, hb.index)
}

// leaseWrites lists the nodes whose leases were created or updated, in order.
func (f *beatsFixture) leaseWrites() []string {
	var out []string
	for _, a := range f.client.Actions() {
		if a.GetResource().Resource != "leases" || (a.GetVerb() != "create" && a.GetVerb() != "update") {
			continue
		}
		obj := a.(interface{ GetObject() runtime.Object }).GetObject()
		out = append(out, obj.(*coordinationv1.Lease).Name)
	}
	return out
}

func TestHeartbeatsEarliestDueGoesFirst(t *testing.T) {
	f := newBeats(t, 1)
	now := f.clock.Now()
	// Tracked in one order, due in another.
	for i, after := range []time.Duration{3, 1, 2} {
		f.trackDue(fmt.Sprintf("n%d", i), now.Add(after*time.Second))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go f.run(ctx)
	for step := 1; step <= 3; step++ {
		waitFor(t, "the dispatcher to wait", func() error {
			if !f.clock.HasWaiters() {
				return fmt.Errorf("no timer")
			}
			return nil
		})
		f.clock.Step(time.Second)
		waitFor(t, fmt.Sprintf("%d renewals", step), func() error {
			if n := len(f.leaseWrites()); n != step {
				return fmt.Errorf("%d writes", n)
			}
			return nil
		})
	}
	if got := fmt.Sprint(f.leaseWrites()); got != "[n1 n2 n0]" {
		t.Errorf("renewed %s, want the earliest due first: [n1 n2 n0]", got)
	}
}

func TestHeartbeatsOverdueTakenInDueOrder(t *testing.T) {
	f := newBeats(t, 1)
	now := f.clock.Now()
	f.trackDue("late", now.Add(5*time.Second))
	f.trackDue("later", now.Add(9*time.Second))
	f.trackDue("latest", now.Add(7*time.Second))
	f.clock.Step(10 * time.Second) // all are due: the one owed longest goes first
	var got []string
	for range 3 {
		got = append(got, f.nextDue(context.Background()).node)
	}
	if fmt.Sprint(got) != "[late latest later]" {
		t.Errorf("dispatched %v, want [late latest later]", got)
	}
}

// slowWrites makes every lease write take d on the fake clock.
func (f *beatsFixture) slowWrites(d time.Duration) {
	f.client.PrependReactor("*", "leases", func(k8stesting.Action) (bool, runtime.Object, error) {
		f.clock.Step(d)
		return false, nil, nil
	})
}

func TestHeartbeatsSlowWriteBringsTheNextRenewalForward(t *testing.T) {
	for _, c := range []struct {
		name    string
		latency time.Duration
		// within is how long after the renewal was sent the next one may be due at most.
		within time.Duration
	}{
		// 20 s renewals with 10 % jitter: 18-20 s after the last one.
		{"fast apiserver", 0, 20 * time.Second},
		// Writes taking 2 s: brought forward by twice that.
		{"slow apiserver", 2 * time.Second, 16 * time.Second},
		// Never by more than a quarter of the interval.
		{"very slow apiserver", 10 * time.Second, 15 * time.Second},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newBeats(t, 1)
			f.trackDue("n0", f.clock.Now())
			f.slowWrites(c.latency)
			sent := f.clock.Now()
			f.renew(context.Background(), f.nextDue(context.Background()))
			hb := f.beats["n0"]
			if next := hb.due.Sub(sent); next > c.within || next < c.within-2*time.Second-time.Millisecond {
				t.Errorf("next renewal %s after the last one was sent, want within %s and at most 2 s (the jitter) earlier", next, c.within)
			}
		})
	}
}

func TestHeartbeatsConflictRefetchesAndRenewsAtOnce(t *testing.T) {
	f := newBeats(t, 1)
	f.trackDue("n0", f.clock.Now())
	ctx := context.Background()
	f.renew(ctx, f.nextDue(ctx)) // creates the lease
	// Someone else changes it: our copy is stale.
	f.clock.Step(20 * time.Second)
	conflicts := 0
	f.client.PrependReactor("update", "leases", func(k8stesting.Action) (bool, runtime.Object, error) {
		if conflicts == 0 {
			conflicts++
			return true, nil, apierrors.NewConflict(schema.GroupResource{Resource: "leases"}, "n0", fmt.Errorf("stale"))
		}
		return false, nil, nil
	})
	f.client.ClearActions()
	f.renew(ctx, f.nextDue(ctx))
	var verbs []string
	for _, a := range f.client.Actions() {
		verbs = append(verbs, a.GetVerb())
	}
	if fmt.Sprint(verbs) != "[update get update]" {
		t.Errorf("calls %v, want [update get update]: a conflict is fetched again and renewed at once", verbs)
	}
	lease, err := f.client.CoordinationV1().Leases(corev1.NamespaceNodeLease).Get(ctx, "n0", metav1.GetOptions{})
	if err != nil || !lease.Spec.RenewTime.Time.Equal(f.clock.Now()) {
		t.Errorf("lease %+v, %v: want renewed now", lease, err)
	}
	if hb := f.beats["n0"]; hb.failures != 0 {
		t.Errorf("%d failures recorded, want none", hb.failures)
	}
}

func TestHeartbeatsFailureRetriedSoonAndLagCountsFromTheFirstDue(t *testing.T) {
	f := newBeats(t, 1)
	due := f.clock.Now()
	f.trackDue("n0", due)
	fail := true
	f.client.PrependReactor("create", "leases", func(k8stesting.Action) (bool, runtime.Object, error) {
		if fail {
			return true, nil, fmt.Errorf("apiserver unavailable")
		}
		return false, nil, nil
	})
	ctx := context.Background()
	f.renew(ctx, f.nextDue(ctx))
	hb := f.beats["n0"]
	if retry := hb.due.Sub(f.clock.Now()); retry <= 0 || retry > time.Second {
		t.Errorf("retried after %s, want soon (under 1 s)", retry)
	}
	fail = false
	f.clock.Step(3 * time.Second)
	f.renew(ctx, f.nextDue(ctx))
	lag := histogramOf(t, f.metrics.leases.lag)
	if lag.GetSampleCount() != 1 || lag.GetSampleSum() != 3 {
		t.Errorf("%d renewals, lag %v s; want 1 renewal 3 s late: counted from when it was first due", lag.GetSampleCount(), lag.GetSampleSum())
	}
}

func TestHeartbeatsYieldWhileBehind(t *testing.T) {
	f := newBeats(t, 1)
	f.trackDue("n0", f.clock.Now())
	f.trackDue("n1", f.clock.Now())
	f.clock.Step(5 * time.Second)
	ctx := context.Background()
	hb := f.nextDue(ctx) // dispatched 5 s late: pod writes must wait
	yielded := make(chan struct{})
	go func() { f.yield(ctx); close(yielded) }()
	select {
	case <-yielded:
		t.Fatal("a pod write went ahead while renewals were late")
	case <-time.After(50 * time.Millisecond):
	}
	f.renew(ctx, hb)
	f.nextDue(ctx) // n1, late too
	f.mu.Lock()
	behind := f.behindSince != nil
	f.mu.Unlock()
	if !behind {
		t.Fatal("not behind after dispatching a late renewal")
	}
	wait, stop := context.WithCancel(ctx)
	defer stop()
	go f.nextDue(wait) // nothing left due: on time again
	select {
	case <-yielded:
	case <-time.After(5 * time.Second):
		t.Fatal("pod writes still held once renewals were on time")
	}
	f.yield(ctx) // returns at once
}

func TestHeartbeatsLateRenewalWarnsOnceAPeriod(t *testing.T) {
	f := newBeats(t, 1)
	ctx := context.Background()
	for i := range 3 {
		f.trackDue(fmt.Sprintf("n%d", i), f.clock.Now())
		f.renew(ctx, f.nextDue(ctx))
	}
	f.clock.Step(20 * time.Second) // on time: no warning
	for range 3 {
		f.renew(ctx, f.nextDue(ctx))
	}
	if n := f.logs.count("renewed late"); n != 0 || testutil.ToFloat64(f.metrics.leases.late) != 0 {
		t.Fatalf("renewals on time counted late:\n%s", f.logs.buf.String())
	}
	f.clock.Step(31 * time.Second) // due at 20 s, expiring at 40: late past 30
	for range 3 {
		f.renew(ctx, f.nextDue(ctx))
	}
	if n := f.logs.count("renewed late"); n != 1 {
		t.Errorf("warned %d times, want once for the three:\n%s", n, f.logs.buf.String())
	}
	if got := testutil.ToFloat64(f.metrics.leases.late); got != 3 {
		t.Errorf("%v late renewals counted, want 3", got)
	}
	if age := f.oldestAge(); age != 0 {
		t.Errorf("oldest lease %s old just after renewing all, want 0", age)
	}
}
