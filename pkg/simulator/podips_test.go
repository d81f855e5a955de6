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

// TestRunningPodHandledBeforeItsNodeKeepsItsIP: after a restart the pod
// informer may deliver a Running pod before the node informer has its node.
// The pod is skipped then, and taken up when the node arrives, so its IP is
// not handed out again.
func TestRunningPodHandledBeforeItsNodeKeepsItsIP(t *testing.T) {
	const cidr = "10.0.0.0/24"
	first, err := newIPAM().Allocate("n1", cidr, "scratch")
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestSim(t, DefaultOptions())
	pod := boundPod()
	pod.Status.Phase, pod.Status.PodIP = corev1.PodRunning, first
	running, err := ts.client.CoreV1().Pods("default").Create(context.Background(), pod, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.pods.GetIndexer().Add(running); err != nil {
		t.Fatal(err)
	}
	ts.podChanged(running) // its node is not in the cache yet
	node := ts.addNode(t, "n1", cidr)
	ts.nodeHandler().OnAdd(node, false)
	got, err := ts.ipam.Allocate("n1", cidr, "next")
	if err != nil {
		t.Fatal(err)
	}
	if got == first {
		t.Errorf("the next pod got %s, the IP of running pod %s", got, running.Name)
	}
}

// TestEndedPodFreesItsIP: a pod that succeeded gives its IP back, as a
// kubelet does when it tears the sandbox down, in either form of pod the
// informer keeps; a running pod keeps its own.
func TestEndedPodFreesItsIP(t *testing.T) {
	const cidr = "10.0.0.0/24"
	ts := newTestSim(t, DefaultOptions())
	ts.addNode(t, "n1", cidr)
	ip, err := ts.ipam.Allocate("n1", cidr, "u1")
	if err != nil {
		t.Fatal(err)
	}
	pod := boundPod()
	pod.Status.Phase, pod.Status.PodIP = corev1.PodRunning, ip
	ts.podChanged(settle(pod.DeepCopy(), script{}, time.Now()))
	if !holds(ts, "n1", ip, pod.UID) {
		t.Fatalf("running pod %s does not hold its %s", pod.UID, ip)
	}
	pod.Status.Phase = corev1.PodSucceeded
	ts.podChanged(pod.DeepCopy())
	if holds(ts, "n1", ip, pod.UID) {
		t.Errorf("pod %s still holds %s after it succeeded", pod.UID, ip)
	}
	ts.podChanged(settle(pod.DeepCopy(), script{}, time.Now())) // a later event, settled
	if holds(ts, "n1", ip, pod.UID) {
		t.Errorf("pod %s holds %s again", pod.UID, ip)
	}
}

// holds reports whether the node's pool has ip taken by uid.
func holds(ts *testSim, node, ip string, uid types.UID) bool {
	ts.ipam.mu.Lock()
	defer ts.ipam.mu.Unlock()
	p := ts.ipam.nodes[node]
	return p != nil && p.used[netip.MustParseAddr(ip)] == uid
}

// TestIPOfAPodDeletedWhileItStartsIsFreed: a worker that read a pod from
// the cache before its delete event hands it an IP after that event freed
// nothing; the failed status write gives the IP back.
func TestIPOfAPodDeletedWhileItStartsIsFreed(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	node := ts.addNode(t, "n1", "10.0.0.0/24")
	pod := ts.addPod(t, "p", "n1")
	if err := ts.client.CoreV1().Pods("default").Delete(context.Background(), "p", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := ts.pods.GetIndexer().Delete(pod); err != nil {
		t.Fatal(err)
	}
	ts.podHandler().OnDelete(pod)
	if _, err := ts.startPod(context.Background(), ts.view("default/p", pod, node)); err != nil {
		t.Fatal(err)
	}
	ts.ipam.mu.Lock()
	defer ts.ipam.mu.Unlock()
	if given, ok := ts.ipam.byPod[pod.UID]; ok {
		t.Errorf("deleted pod %s still holds %s", pod.UID, given.ip)
	}
	for ip, uid := range ts.ipam.nodes["n1"].used {
		if uid == pod.UID {
			t.Errorf("deleted pod %s still holds %s", uid, ip)
		}
	}
}

// TestAdoptedPodDeletedMeanwhileHoldsNothing: a pod copy that adoptPodsOf
// handles after the pod informer deleted the pod reserves its IP again; the
// recheck gives it back and leaves the waiting count as it was.
func TestAdoptedPodDeletedMeanwhileHoldsNothing(t *testing.T) {
	ts := newTestSim(t, DefaultOptions())
	ts.addNode(t, "n1", "10.0.0.0/24")
	pod := boundPod()
	pod.Status.PodIP = "10.0.0.2" // written, not yet seen Running
	ts.podChanged(pod)            // the copy adopt read, its pod already gone from the cache
	ts.recheckAdopted(pod)
	if holds(ts, "n1", "10.0.0.2", pod.UID) {
		t.Error("the deleted pod still holds 10.0.0.2")
	}
	assertPodCounts(t, ts.Simulator, 1, 0, 1)
}
