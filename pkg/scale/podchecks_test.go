package scale

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

func namespace(name string) *corev1.Namespace {
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
}

func node(name string) *corev1.Node {
	return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name}}
}

func countPods(t *testing.T, client *fake.Clientset) int {
	t.Helper()
	l, err := client.CoreV1().Pods("default").List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return len(l.Items)
}

func TestRunChecksNodeName(t *testing.T) {
	o := podOpts()
	o.NodeName = "no-such-node"
	s, err := NewPodScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	client := fake.NewClientset(namespace("default"), node("kmctl-node-0"))
	_, err = s.Run(context.Background(), client)
	for _, w := range []string{`--node-name "no-such-node": no such node`, "kmctl scale node"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("err %v, want %q", err, w)
		}
	}
	if n := countPods(t, client); n != 0 {
		t.Errorf("%d pods created for a missing node", n)
	}
	o.NodeName = "kmctl-node-0"
	s, _ = NewPodScaler(o)
	if res, err := s.Run(context.Background(), client); err != nil || res.Created != 3 {
		t.Errorf("existing node: result %v, err %v", res, err)
	}
}

// TestScaleDownNeedsNoPreflight deletes pods bound to a node that is gone:
// what only creating needs must not stop the cleanup.
func TestScaleDownNeedsNoPreflight(t *testing.T) {
	client := fake.NewClientset(namespace("default"), node("n1"))
	o := podOpts()
	o.NodeName = "n1"
	s, _ := NewPodScaler(o)
	if _, err := s.Run(context.Background(), client); err != nil {
		t.Fatal(err)
	}
	if err := client.CoreV1().Nodes().Delete(context.Background(), "n1", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	o.Replicas = 0
	s, _ = NewPodScaler(o)
	if res, err := s.Run(context.Background(), client); err != nil || res.Deleted != 3 || countPods(t, client) != 0 {
		t.Errorf("result %v, err %v", res, err)
	}
}

// TestWaitSaysThePodsNodeIsGone deletes the node once the pods are created:
// the timed-out wait must say so rather than blame the simulator.
func TestWaitSaysThePodsNodeIsGone(t *testing.T) {
	client := fake.NewClientset(namespace("default"), node("n1"))
	client.PrependReactor("create", "pods", func(k8stesting.Action) (bool, runtime.Object, error) {
		_ = client.Tracker().Delete(corev1.SchemeGroupVersion.WithResource("nodes"), "", "n1")
		return false, nil, nil
	})
	o := podOpts()
	o.NodeName, o.Wait, o.Timeout = "n1", true, 500*time.Millisecond
	s, _ := NewPodScaler(o)
	_, err := s.Run(context.Background(), client)
	var nr *NotReadyError
	if !errors.As(err, &nr) || !strings.Contains(err.Error(), `bound to node "n1", which does not exist`) ||
		strings.Contains(err.Error(), "kmctl-simulator") {
		t.Errorf("err %v", err)
	}
}

func TestGoneNodes(t *testing.T) {
	p := &podObjects{client: fake.NewClientset(node("here"))}
	bound := func(node string, phase corev1.PodPhase) *corev1.Pod {
		return &corev1.Pod{Spec: corev1.PodSpec{NodeName: node}, Status: corev1.PodStatus{Phase: phase}}
	}
	objs := []any{bound("here", corev1.PodPending), bound("gone", corev1.PodPending), bound("", ""), bound("failed", corev1.PodFailed)}
	got := p.goneNodes(context.Background(), objs)
	if len(got) != 1 || !got["gone"] {
		t.Errorf("goneNodes = %v, want only gone", got)
	}
}
