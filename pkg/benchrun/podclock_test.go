package benchrun

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

// fakeWatch opens the fake clientset's watch, which the slim decoder
// cannot read.
func fakeWatch(ctx context.Context, client kubernetes.Interface, o metav1.ListOptions) (watch.Interface, error) {
	return client.CoreV1().Pods("").Watch(ctx, o)
}

// fakeNow is a clock the test moves.
type fakeNow struct{ t time.Time }

func (f *fakeNow) now() time.Time { return f.t }

func testPod(uid, node string, phase corev1.PodPhase) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{UID: types.UID(uid), Name: uid, Namespace: "ns", Labels: map[string]string{"kmctl.dev/scale": "measure"}},
		Spec:       corev1.PodSpec{NodeName: node},
		Status:     corev1.PodStatus{Phase: phase},
	}
}

func TestPodClockFirstSightsAndPhases(t *testing.T) {
	t0 := time.Unix(1000, 0)
	clk := &fakeNow{t: t0}
	c := newPodClock()
	c.now = clk.now
	c.observe(testPod("a", "", corev1.PodPending))
	c.observe(testPod("b", "", corev1.PodPending))
	clk.t = t0.Add(200 * time.Millisecond)
	c.observe(testPod("a", "n1", corev1.PodPending))
	clk.t = t0.Add(300 * time.Millisecond)
	c.observe(testPod("a", "n1", corev1.PodPending)) // seen again: the first sight counts
	clk.t = t0.Add(1200 * time.Millisecond)
	c.observe(testPod("a", "n1", corev1.PodRunning))
	clk.t = t0.Add(2 * time.Second)
	c.gone(testPod("b", "", corev1.PodPending))
	if b, r := c.counts(); b != 1 || r != 1 {
		t.Fatalf("counts = %d bound, %d running; want 1, 1", b, r)
	}
	sel := podSelection{selector: labels.SelectorFromSet(labels.Set{"kmctl.dev/scale": "measure"})}
	ph := c.startupPhases(pendingStartup{sel: sel, start: t0, end: t0.Add(time.Minute)})
	if q := ph[PhaseCreateToSchedule]; q.Count != 1 || q.Perc50 != 0.2 {
		t.Errorf("create_to_schedule = %+v, want one at 0.2 s", q)
	}
	if q := ph[PhaseScheduleToRun]; q.Count != 1 || q.Perc99 != 1.0 {
		t.Errorf("schedule_to_run = %+v, want one at 1.0 s", q)
	}
	if q := ph[PhaseStartup]; q.Count != 1 || q.Max != 1.2 {
		t.Errorf("pod_startup = %+v, want one at 1.2 s", q)
	}
	c.forget(t0.Add(3 * time.Second))
	if n := len(c.snapshot(func(*podTimes) bool { return true })); n != 1 {
		t.Errorf("after forget %d pods are kept, want 1 (the deleted one goes)", n)
	}
}

func TestPodsLeft(t *testing.T) {
	r := &run{clock: newPodClock()}
	r.clock.observe(testPod("a", "n1", corev1.PodRunning))
	r.clock.observe(testPod("b", "n1", corev1.PodPending))
	r.clock.observe(testPod("c", "", corev1.PodPending))
	sel := podSelection{namespaces: []string{"ns"}, selector: labels.Everything()}
	for until, want := range map[string]int{"scheduled": 1, "running": 2, "deleted": 3} {
		if seen, left := r.podsLeft(sel, until); seen != 3 || left != want {
			t.Errorf("until %s: %d seen, %d left; want 3, %d", until, seen, left, want)
		}
	}
	other := podSelection{namespaces: []string{"elsewhere"}, selector: labels.Everything()}
	if seen, _ := r.podsLeft(other, "scheduled"); seen != 0 {
		t.Errorf("another namespace saw %d pods", seen)
	}
}

func TestSpanTimesPodsBoundInIt(t *testing.T) {
	t0 := time.Unix(1000, 0)
	clk := &fakeNow{t: t0}
	c := newPodClock()
	c.now = clk.now
	c.observe(testPod("old", "", corev1.PodPending)) // created before the span
	clk.t = t0.Add(10 * time.Second)
	c.observe(testPod("old", "n1", corev1.PodRunning))
	sel := podSelection{selector: labels.Everything()}
	span := pendingStartup{sel: sel, start: t0.Add(5 * time.Second), end: t0.Add(20 * time.Second)}
	if q := c.startupPhases(span)[PhaseStartup]; q.Count != 0 {
		t.Errorf("an op times pods created in it: %+v", q)
	}
	span.byBinding = true
	if q := c.startupPhases(span)[PhaseStartup]; q.Count != 1 || q.Perc50 != 10 {
		t.Errorf("a span times pods bound in it: %+v, want one at 10 s", q)
	}
}

// A watch the apiserver ends with an error makes the reflector list again;
// the clock notes when, so the op's figures can say they are less exact.
func TestPodClockNotesRelists(t *testing.T) {
	client := fake.NewClientset()
	watches := make(chan *watch.FakeWatcher, 4)
	client.PrependWatchReactor("pods", func(k8stesting.Action) (bool, watch.Interface, error) {
		w := watch.NewFake()
		watches <- w
		return true, w, nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := newPodClock()
	c.watchPods = fakeWatch
	t0 := time.Now()
	if err := c.start(ctx, client, "a=b"); err != nil {
		t.Fatal(err)
	}
	if got := c.relistsIn(t0, time.Now()); len(got) != 0 {
		t.Fatalf("relists before any watch ended: %v", got)
	}
	first := <-watches
	first.Error(&metav1.Status{Status: metav1.StatusFailure, Message: "watcher too slow", Reason: metav1.StatusReasonInternalError, Code: 500})
	select {
	case <-watches: // the reflector listed again and watches anew
	case <-time.After(30 * time.Second):
		t.Fatal("the reflector did not watch again")
	}
	if got := c.relistsIn(t0, time.Now()); len(got) != 1 {
		t.Errorf("relists: %v, want one", got)
	}
	if got := c.relistsIn(time.Now(), time.Now().Add(time.Hour)); len(got) != 0 {
		t.Errorf("relists outside the span: %v", got)
	}
}

// The clock is the reflector's store: the pods listed and then watched are
// timed as the events arrive, and a relist that lacks a pod deletes it.
func TestPodClockFollowsTheWatch(t *testing.T) {
	client := fake.NewClientset(testPod("listed", "", corev1.PodPending), testPod("other", "", corev1.PodPending))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := newPodClock()
	c.watchPods = fakeWatch
	if err := c.start(ctx, client, "kmctl.dev/scale=measure"); err != nil {
		t.Fatal(err)
	}
	if n := len(c.snapshot(func(*podTimes) bool { return true })); n != 2 {
		t.Fatalf("after the first list the clock knows %d pods, want 2", n)
	}
	pods := client.CoreV1().Pods("ns")
	if _, err := pods.Update(ctx, testPod("listed", "n1", corev1.PodRunning), metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := pods.Delete(ctx, "other", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for b, r := c.counts(); b != 1 || r != 1; b, r = c.counts() {
		if time.Now().After(deadline) {
			t.Fatalf("counts = %d bound, %d running; want 1, 1", b, r)
		}
		time.Sleep(10 * time.Millisecond)
	}
	for !deleted(c, "other") {
		if time.Now().After(deadline) {
			t.Fatal("the deleted pod was not seen deleted")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// A relist without "listed" (deleted while the watch was down).
	if err := c.Replace(nil, "1"); err != nil {
		t.Fatal(err)
	}
	if !deleted(c, "listed") {
		t.Error("a pod missing from a relist is not deleted")
	}
}

func deleted(c *podClock, uid string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.pods[types.UID(uid)]
	return t != nil && !t.deleted.IsZero()
}
