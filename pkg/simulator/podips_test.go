package simulator

import (
	"context"
	"net/netip"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// TestRunningPodSyncedBeforeItsNodeKeepsItsIP: after a restart the pod
// informer may deliver a Running pod before the node informer has its node.
// The pod's sync then makes no record; the node's first sync takes up the
// IPs its pods report before any pod of it can be given one.
func TestRunningPodSyncedBeforeItsNodeKeepsItsIP(t *testing.T) {
	const cidr, first = "10.0.0.0/24", "10.0.0.2" // the first address for pods
	ts := newTestSim(t, DefaultOptions())
	pod := boundPod()
	pod.Status.Phase, pod.Status.PodIP = corev1.PodRunning, first
	running, err := ts.client.CoreV1().Pods("default").Create(context.Background(), pod, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ts.cachePod(t, running) // its node is not in the cache yet
	if n := len(ts.recs.pods); n != 0 {
		t.Fatalf("%d pod records before the node is seen", n)
	}
	ts.addNode(t, "n1", cidr)
	next := ts.addPod(t, "next", "n1")
	syncOK(t, ts, "default/next")
	got, err := ts.client.CoreV1().Pods("default").Get(context.Background(), next.Name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status.PodIP == "" || got.Status.PodIP == first {
		t.Errorf("the next pod got %q, want an IP other than running pod %s's", got.Status.PodIP, running.Name)
	}
}

// TestEndedPodFreesItsIP: a pod that succeeded gives its IP back, as a
// kubelet does when it tears the sandbox down, in either form of pod the
// informer keeps; a running pod keeps its own.
func TestEndedPodFreesItsIP(t *testing.T) {
	const ip = "10.0.0.7"
	ts := newTestSim(t, DefaultOptions())
	ts.addNode(t, "n1", "10.0.0.0/24")
	pod := boundPod()
	pod.Status.Phase, pod.Status.PodIP = corev1.PodRunning, ip
	ts.cachePod(t, settle(pod.DeepCopy(), script{}, time.Now()))
	if !holds(ts, "n1", ip, pod.UID) {
		t.Fatalf("running pod %s does not hold its %s", pod.UID, ip)
	}
	pod.Status.Phase = corev1.PodSucceeded
	ts.cachePod(t, pod.DeepCopy())
	if holds(ts, "n1", ip, pod.UID) {
		t.Errorf("pod %s still holds %s after it succeeded", pod.UID, ip)
	}
	ts.cachePod(t, settle(pod.DeepCopy(), script{}, time.Now())) // a later event, settled
	if holds(ts, "n1", ip, pod.UID) {
		t.Errorf("pod %s holds %s again", pod.UID, ip)
	}
}

// TestIPOfAPodDeletedWhileItStartsIsFreed: a worker that read a pod from
// the cache before its deletion hands it an IP; the sync the deletion queued
// drops the pod's record and gives the IP back.
func TestIPOfAPodDeletedWhileItStartsIsFreed(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	node := ts.addNode(t, "n1", "10.0.0.0/24")
	pod := ts.addPod(t, "p", "n1")
	v := ts.view("default/p", pod, node) // what the worker read
	if err := ts.client.CoreV1().Pods("default").Delete(context.Background(), "p", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.startPod(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	given := v.rec.ip
	if !given.IsValid() {
		t.Fatal("the worker gave the pod no IP")
	}
	ts.uncachePod(t, pod)
	if holds(ts, "n1", given.String(), pod.UID) || len(ts.recs.pods) != 0 {
		t.Errorf("deleted pod %s still holds %s, or its record is kept", pod.UID, given)
	}
}

// TestPodDeletedBeforeItsNodeIsSeenIsNotAdopted: the node's first sync
// lists its pods' IPs, one of which is deleted before the records are made:
// that pod gets no record and holds nothing.
func TestPodDeletedBeforeItsNodeIsSeenIsNotAdopted(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	listed := []heldIP{{key: "default/p", uid: "u1", ip: netip.MustParseAddr("10.0.0.2")}}
	change := ts.recs.seeNode("n1", "", "", func() []heldIP { return listed },
		func(string, types.UID) bool { return false }) // gone from the cache meanwhile
	if !change.fresh {
		t.Fatal("n1 was not recorded as new")
	}
	if holds(ts, "n1", "10.0.0.2", "u1") || len(ts.recs.pods) != 0 {
		t.Error("the deleted pod holds its IP, or has a record")
	}
	assertPodCounts(t, ts.Simulator, 0, 0, 0)
}
