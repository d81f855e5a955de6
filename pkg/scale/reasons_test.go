package scale

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func pendingPod(reason, message string) *corev1.Pod {
	return &corev1.Pod{Status: corev1.PodStatus{Phase: corev1.PodPending, Conditions: []corev1.PodCondition{
		{Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Reason: reason, Message: message},
	}}}
}

func TestPodReasons(t *testing.T) {
	gpu := "0/100 nodes are available: 100 Insufficient nvidia.com/gpu."
	var pods []any
	add := func(n int, p *corev1.Pod) {
		for i := 0; i < n; i++ {
			pods = append(pods, p)
		}
	}
	add(40, pendingPod("Unschedulable", gpu))
	add(7, &corev1.Pod{Status: corev1.PodStatus{Phase: corev1.PodPending}})
	add(3, &corev1.Pod{Spec: corev1.PodSpec{NodeName: "n1"}, Status: corev1.PodStatus{Phase: corev1.PodPending}})
	add(3, &corev1.Pod{Spec: corev1.PodSpec{NodeName: "gone"}, Status: corev1.PodStatus{Phase: corev1.PodPending}})
	add(2, &corev1.Pod{Status: corev1.PodStatus{Phase: corev1.PodFailed, Reason: "OutOfcpu", Message: "no cpu"}})
	add(2, pendingPod("SchedulingGated", "waiting for gates"))
	add(1, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{DeletionTimestamp: &metav1.Time{}}})
	add(1, pendingPod("", "x"))
	got := podReasons(pods, hints{goneNodes: map[string]bool{"gone": true}})
	want := []Reason{
		{40, "Unschedulable: " + gpu},
		{7, "Pending: not scheduled yet; is kube-scheduler running? (kmctl logs kube-scheduler)"},
		{3, `Pending: bound to node "gone", which does not exist; create it (kmctl scale node) or delete the pods`},
		{3, "Pending: on a node but not started; is kmctl-simulator running? (kmctl logs kmctl-simulator)"},
		{2, "Failed: OutOfcpu: no cpu"},
		{4, "other reasons (3 more kinds)"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
}

func TestNodeReasons(t *testing.T) {
	nodes := []any{
		&corev1.Node{},
		&corev1.Node{},
		&corev1.Node{Status: corev1.NodeStatus{Conditions: []corev1.NodeCondition{
			{Type: corev1.NodeReady, Status: corev1.ConditionUnknown, Reason: "NodeStatusUnknown", Message: "Kubelet stopped posting node status."},
		}}},
	}
	got := nodeReasons(nodes, hints{})
	if len(got) != 2 || got[0].Count != 2 || !strings.Contains(got[0].Message, "no Ready condition") ||
		got[1].Message != "Ready=Unknown: NodeStatusUnknown: Kubelet stopped posting node status." {
		t.Errorf("got %v", got)
	}
}

func TestNotReadyError(t *testing.T) {
	e := &NotReadyError{Plural: "pods", ReadyWord: "Running", NotReady: 42, Want: 100, After: 600e9,
		Reasons: []Reason{{40, "Unschedulable: x"}, {2, "Terminating"}}}
	msg := e.Error()
	for _, w := range []string{"42 of 100 pods are not Running after 10m0s", "--timeout", "    40  Unschedulable: x", "     2  Terminating"} {
		if !strings.Contains(msg, w) {
			t.Errorf("%q does not contain %q", msg, w)
		}
	}
}

// TestReasonsWithoutSimulator checks that a cluster without kmctl-simulator
// gets reasons that do not send the user to its logs.
func TestReasonsWithoutSimulator(t *testing.T) {
	h := hints{simulator: fmt.Sprintf(noSimulatorHint, "c")}
	bound := &corev1.Pod{Spec: corev1.PodSpec{NodeName: "n1"}, Status: corev1.PodStatus{Phase: corev1.PodPending}}
	msgs := []string{nodeReasons([]any{&corev1.Node{}}, h)[0].Message, podReasons([]any{bound}, h)[0].Message}
	for _, m := range msgs {
		if strings.Contains(m, "kmctl logs") || !strings.Contains(m, "`kmctl simulate`") || !strings.Contains(m, `cluster "c" has no kmctl-simulator`) {
			t.Errorf("reason %q", m)
		}
	}
}
