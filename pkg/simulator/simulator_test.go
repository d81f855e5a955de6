package simulator

import (
	"context"
	"fmt"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes/fake"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// TestSimulatorAgainstFakeClient runs the informers, queues and workers
// against client-go's fake clientset: nodes turn Ready with a lease, bound
// pods run with distinct IPs, Job pods succeed and deleted pods go away.
func TestSimulatorAgainstFakeClient(t *testing.T) {
	opts := DefaultOptions()
	opts.LeaseDuration = 4 * time.Second
	// One pod worker and one lease worker take keys in the order they are
	// due, so an event observed later proves an earlier key was handled.
	opts.PodWorkers, opts.LeaseWorkers = 1, 1
	ctx, sim, client := runSim(t, opts)

	// The node without the label comes first: once n1 is handled, so is it.
	other := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "real"}}
	if _, err := client.CoreV1().Nodes().Create(ctx, other, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n1", Labels: map[string]string{LabelManaged: "true"}}}
	if _, err := client.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	waitFor(t, "node n1 Ready with a podCIDR", func() error {
		n, err := client.CoreV1().Nodes().Get(ctx, "n1", metav1.GetOptions{})
		if err != nil || n.Spec.PodCIDR == "" || len(n.Status.Conditions) == 0 || n.Status.Conditions[0].Status != corev1.ConditionTrue {
			return fmt.Errorf("node %+v %v", n.Status.Conditions, err)
		}
		return nil
	})
	handled := time.Now() // the node handler has seen both nodes
	waitFor(t, "lease of n1", func() error {
		_, err := client.CoordinationV1().Leases(corev1.NamespaceNodeLease).Get(ctx, "n1", metav1.GetOptions{})
		return err
	})
	for i := 0; i < 3; i++ {
		pod := boundPod()
		pod.Name, pod.UID = fmt.Sprintf("p%d", i), types.UID(fmt.Sprint("u", i))
		pod.Spec.NodeName = "n1"
		if i == 2 {
			pod.OwnerReferences = []metav1.OwnerReference{{APIVersion: "batch/v1", Kind: "Job", Name: "j"}}
		}
		if _, err := client.CoreV1().Pods("default").Create(ctx, pod, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "pods running and the job's pod succeeded", func() error {
		ips := map[string]bool{}
		for i := 0; i < 3; i++ {
			p, err := client.CoreV1().Pods("default").Get(ctx, fmt.Sprintf("p%d", i), metav1.GetOptions{})
			if err != nil {
				return err
			}
			want := corev1.PodRunning
			if i == 2 {
				want = corev1.PodSucceeded
			}
			if p.Status.Phase != want || ips[p.Status.PodIP] {
				return fmt.Errorf("pod %s: %s %q", p.Name, p.Status.Phase, p.Status.PodIP)
			}
			ips[p.Status.PodIP] = true
		}
		return nil
	})
	// Every pod was seen waiting once and started once (the Job's pod too).
	assertPodCounts(t, sim, 3, 3, 0)
	// A running pod is kept in compact form; its deletion still finishes.
	markDeleted(ctx, t, client, "p0")
	waitGone(ctx, t, client, "p0")
	assertNoLease(ctx, t, client, handled, opts.renewInterval())
	deleteAfterTheNode(ctx, t, client, sim)
}

// assertPodCounts checks the pods seen, started and gone, and that those
// seen and neither started nor gone are the pods the simulator has waiting.
func assertPodCounts(t *testing.T, sim *Simulator, seen, started, gone float64) {
	t.Helper()
	m := sim.metrics
	gotSeen, gotStarted, gotGone := testutil.ToFloat64(m.podsSeen), testutil.ToFloat64(m.podsStarted), testutil.ToFloat64(m.podsGone)
	if gotSeen != seen || gotStarted != started || gotGone != gone {
		t.Errorf("pods seen %v, started %v, gone %v; want %v, %v, %v", gotSeen, gotStarted, gotGone, seen, started, gone)
	}
	if waiting := waitingPods(sim); float64(waiting) != gotSeen-gotStarted-gotGone {
		t.Errorf("%d pods waiting, but seen - started - gone = %v", waiting, gotSeen-gotStarted-gotGone)
	}
}

// assertNoLease checks that node "real", without the simulator's label, got
// no lease. Had the simulator taken it when its handler ran (before
// handled), the lease would have been due within a renewal interval; the
// single lease worker renews n1's lease in due order, so a renewal of n1
// queued after that proves the lease of "real" would exist by now.
func assertNoLease(ctx context.Context, t *testing.T, client *fake.Clientset, handled time.Time, interval time.Duration) {
	t.Helper()
	renewedAfter := func(after time.Time) time.Time {
		var at time.Time
		waitFor(t, "n1's lease renewed after "+after.Format(time.StampMicro), func() error {
			l, err := client.CoordinationV1().Leases(corev1.NamespaceNodeLease).Get(ctx, "n1", metav1.GetOptions{})
			if err != nil || l.Spec.RenewTime == nil || !l.Spec.RenewTime.After(after) {
				return fmt.Errorf("not yet (%v)", err)
			}
			at = l.Spec.RenewTime.Time
			return nil
		})
		return at
	}
	renewedAfter(renewedAfter(handled.Add(interval)))
	if _, err := client.CoordinationV1().Leases(corev1.NamespaceNodeLease).Get(ctx, "real", metav1.GetOptions{}); err == nil {
		t.Fatal("the simulator must leave nodes without its label alone")
	}
}

// deleteAfterTheNode deletes node n1, then pod p1 on it, and a pod on the
// node the simulator never managed: it finishes p1's deletion as n1's
// kubelet would, and leaves the other pod alone. Pod p2 on n1, deleted
// after, is queued after the other pod would have been: once p2 is gone
// (with one pod worker), the other pod's fate is settled.
func deleteAfterTheNode(ctx context.Context, t *testing.T, client *fake.Clientset, sim *Simulator) {
	t.Helper()
	foreign := boundPod()
	foreign.Name, foreign.UID, foreign.Spec.NodeName = "foreign", "uf", "real"
	if _, err := client.CoreV1().Pods("default").Create(ctx, foreign, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := client.CoreV1().Nodes().Delete(ctx, "n1", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the simulator sees n1 go", func() error {
		if !sim.recs.departedRecently("n1", time.Now()) {
			return fmt.Errorf("n1 not departed yet")
		}
		return nil
	})
	markDeleted(ctx, t, client, "p1", "foreign")
	markDeleted(ctx, t, client, "p2")
	waitGone(ctx, t, client, "p1")
	waitGone(ctx, t, client, "p2")
	if _, err := client.CoreV1().Pods("default").Get(ctx, "foreign", metav1.GetOptions{}); err != nil {
		t.Errorf("the pod on a node the simulator never managed was deleted: %v", err)
	}
	assertPodCounts(t, sim, 3, 3, 0)
}

// markDeleted sets the pods' deletion timestamp, as a graceful delete does.
func markDeleted(ctx context.Context, t *testing.T, client *fake.Clientset, names ...string) {
	t.Helper()
	now := metav1.Now()
	for _, name := range names {
		p, err := client.CoreV1().Pods("default").Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		p.DeletionTimestamp = &now
		if _, err := client.CoreV1().Pods("default").Update(ctx, p, metav1.UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}

// waitGone waits until the simulator has deleted the pod.
func waitGone(ctx context.Context, t *testing.T, client *fake.Clientset, name string) {
	t.Helper()
	waitFor(t, "pod "+name+" deleted", func() error {
		if _, err := client.CoreV1().Pods("default").Get(ctx, name, metav1.GetOptions{}); err == nil {
			return fmt.Errorf("%s still exists", name)
		}
		return nil
	})
}

func waitFor(t *testing.T, what string, check func() error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %v", what, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitingPods counts the pods whose records say they wait to run.
func waitingPods(sim *Simulator) int {
	sim.recs.mu.Lock()
	defer sim.recs.mu.Unlock()
	n := 0
	for _, p := range sim.recs.pods {
		if p.waiting {
			n++
		}
	}
	return n
}
