package simulator

import (
	"container/heap"
	"context"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestParseNodeFaults(t *testing.T) {
	end := time.Date(2026, 12, 4, 20, 0, 0, 0, time.UTC)
	got, err := ParseNodeFaults(`{"NotReady":"2026-12-04T20:00:00Z","MemoryPressure":""}`)
	if err != nil || !got[FaultNotReady].Equal(end) || !got[FaultMemoryPressure].IsZero() || len(got) != 2 {
		t.Fatalf("got %v, %v", got, err)
	}
	if again, err := ParseNodeFaults(FormatNodeFaults(got)); err != nil || len(again) != 2 || !again[FaultNotReady].Equal(end) {
		t.Errorf("round trip %v, %v", again, err)
	}
	for raw, want := range map[string]string{
		`NotReady`:                    "not a JSON object",
		`{"Sleepy":""}`:               `unknown fault "Sleepy"`,
		`{"NotReady":"in 5 minutes"}`: "not an RFC 3339 time",
	} {
		if _, err := ParseNodeFaults(raw); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to say %q", raw, err, want)
		}
	}
}

// faultyNode is a node with the faults annotation raw.
func faultyNode(raw string) *corev1.Node {
	return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n0", UID: "uid-n0", Annotations: map[string]string{AnnotationNodeFaults: raw}}}
}

func TestNodeConditionsWithFaults(t *testing.T) {
	now := time.Date(2026, 12, 4, 19, 0, 0, 0, time.UTC)
	node := faultyNode(`{"NotReady":"","MemoryPressure":"2026-12-04T19:10:00Z","DiskPressure":"2026-12-04T18:00:00Z"}`)
	faults, err := faultsOf(node, now)
	if err != nil {
		t.Fatal(err)
	}
	if !faults.next.Equal(now.Add(10 * time.Minute)) {
		t.Errorf("next end %v, want the memory pressure's", faults.next)
	}
	want := map[corev1.NodeConditionType]corev1.ConditionStatus{
		corev1.NodeReady: corev1.ConditionFalse, corev1.NodeMemoryPressure: corev1.ConditionTrue,
		corev1.NodeDiskPressure: corev1.ConditionFalse, corev1.NodePIDPressure: corev1.ConditionFalse,
	}
	for _, c := range nodeConditions(nil, faults, metav1.NewTime(now)) {
		if w, ok := want[c.Type]; ok && c.Status != w {
			t.Errorf("%s is %s, want %s (%s)", c.Type, c.Status, w, c.Reason)
		}
	}
}

// TestSilencedNodeLeaseIsNotRenewed: the lease of a node playing a dead
// kubelet is put off until the fault ends, and renewed once it has.
func TestSilencedNodeLeaseIsNotRenewed(t *testing.T) {
	f := newBeats(t, 1)
	now := f.clock.Now()
	node := faultyNode(FormatNodeFaults(map[string]time.Time{FaultUnknown: now.Add(15 * time.Second)}))
	f.nodeOf = func(string) *corev1.Node { return node }
	f.trackDue("n0", now)
	renew := func() {
		f.mu.Lock()
		hb := f.beats["n0"]
		heap.Remove(&f.queue, hb.index)
		f.mu.Unlock()
		f.renew(context.Background(), hb)
	}
	renew()
	if w := f.leaseWrites(); len(w) != 0 {
		t.Fatalf("lease written %v while the node is Unknown", w)
	}
	if due := f.beats["n0"].due; !due.Equal(now.Add(15 * time.Second)) {
		t.Errorf("next try at %v, want when the fault ends", due)
	}
	f.clock.Step(15 * time.Second)
	renew()
	if w := f.leaseWrites(); len(w) != 1 {
		t.Errorf("lease writes %v after the fault ended, want one", w)
	}
}

// TestUnknownNodeWritesNothing: neither the status of a node playing a
// dead kubelet nor its pods' are written.
func TestUnknownNodeWritesNothing(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	node := ts.addNode(t, "n1", "10.0.0.0/24")
	node.Annotations = map[string]string{AnnotationNodeFaults: `{"Unknown":""}`}
	if err := ts.nodes.GetStore().Update(node); err != nil {
		t.Fatal(err)
	}
	ts.addPod(t, "p", "n1")
	syncOK(t, ts, "default/p")
	if err := ts.syncNode(context.Background(), "n1"); err != nil {
		t.Fatal(err)
	}
	if n, p := ts.statusWrites("nodes"), ts.statusWrites("pods"); n+p != 0 {
		t.Errorf("%d node and %d pod status writes for an Unknown node, want none", n, p)
	}
	node = node.DeepCopy()
	node.Annotations = nil
	if err := ts.nodes.GetStore().Update(node); err != nil {
		t.Fatal(err)
	}
	syncOK(t, ts, "default/p")
	if err := ts.syncNode(context.Background(), "n1"); err != nil {
		t.Fatal(err)
	}
	if n, p := ts.statusWrites("nodes"), ts.statusWrites("pods"); n != 1 || p != 1 {
		t.Errorf("%d node and %d pod status writes once cleared, want one each", n, p)
	}
}
