package simulator

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// TestKubeletRestart: a restart asked on the node lists its pods again,
// writes the node's status at once, and makes a ready pod with a readiness
// probe not ready until the probe passes again; a pod without a probe gets
// no write. Each restart is played once.
func TestKubeletRestart(t *testing.T) {
	ctx := context.Background()
	ts := newTestSim(t, DefaultOptions())
	node := ts.addNode(t, "n1", "10.0.0.0/24")
	if err := ts.syncNode(ctx, "n1"); err != nil {
		t.Fatal(err)
	}
	probe := &corev1.Probe{InitialDelaySeconds: 5, PeriodSeconds: 3}
	ts.addRunningPod(t, "plain", "10.0.0.5", nil)
	ts.addRunningPod(t, "probed", "10.0.0.6", probe)
	node.Annotations = map[string]string{AnnotationKubeletRestart: "2026-12-04T22:30:00Z"}
	if err := ts.nodes.GetStore().Update(node); err != nil {
		t.Fatal(err)
	}
	nodeWrites, podWrites, lists := ts.statusWrites("nodes"), ts.statusWrites("pods"), ts.lists("pods")
	if err := ts.syncNode(ctx, "n1"); err != nil {
		t.Fatal(err)
	}
	if ts.lists("pods") != lists+1 || ts.statusWrites("nodes") != nodeWrites+1 || ts.statusWrites("pods") != podWrites+1 {
		t.Fatalf("%d lists, %d node and %d pod status writes; want one of each", ts.lists("pods")-lists,
			ts.statusWrites("nodes")-nodeWrites, ts.statusWrites("pods")-podWrites)
	}
	probed := ts.getPod(t, "probed")
	if isReady(probed) || !isReady(ts.getPod(t, "plain")) || !holds(ts, "n1", "10.0.0.6", probed.UID) {
		t.Fatal("the probed pod is ready, the plain one not, or the probed pod's IP was lost")
	}
	rec := ts.recs.pods["default/probed"]
	if wait := time.Until(*rec.readyHold); wait < 4*time.Second || wait > 8*time.Second {
		t.Errorf("the probe passes again in %s, want the initial delay and up to a period", wait)
	}
	ts.cachePod(t, probed) // the pod's sync during the hold writes nothing
	if ts.statusWrites("pods") != podWrites+1 {
		t.Fatal("the pod was written during its hold")
	}
	*rec.readyHold = time.Now().Add(-time.Second) // the probe passed
	syncOK(t, ts, "default/probed")
	if !isReady(ts.getPod(t, "probed")) {
		t.Error("the pod is not ready again once its probe passed")
	}
	if err := ts.syncNode(ctx, "n1"); err != nil || ts.lists("pods") != lists+1 {
		t.Errorf("the restart was played again (%v)", err)
	}
}

// addRunningPod creates a ready running pod on n1 with ip, its containers
// probed for readiness by probe (if set), in the fake apiserver and the cache.
func (ts *testSim) addRunningPod(t *testing.T, name, ip string, probe *corev1.Probe) {
	t.Helper()
	pod := boundPod()
	pod.Name, pod.UID = name, types.UID("uid-"+name)
	for i := range pod.Spec.Containers {
		pod.Spec.Containers[i].ReadinessProbe = probe
	}
	now := metav1.Now()
	pod.Status = runningStatus(pod, "10.0.0.1", ip, now)
	setReadiness(&pod.Status, true, now)
	created, err := ts.client.CoreV1().Pods("default").Create(context.Background(), pod, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ts.cachePod(t, created)
}

func (ts *testSim) getPod(t *testing.T, name string) *corev1.Pod {
	t.Helper()
	p, err := ts.client.CoreV1().Pods("default").Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// lists counts the lists of resource the fake apiserver received.
func (ts *testSim) lists(resource string) int {
	n := 0
	for _, a := range ts.client.Actions() {
		if a.GetVerb() == "list" && a.GetResource().Resource == resource {
			n++
		}
	}
	return n
}
