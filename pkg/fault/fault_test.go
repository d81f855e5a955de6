package fault

import (
	"context"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"

	"github.com/kmctl/kmctl/pkg/simulator"
)

var now = time.Date(2026, 12, 4, 19, 0, 0, 0, time.UTC)

func cluster() *fake.Clientset {
	managed := map[string]string{simulator.LabelManaged: "true", "pool": "a"}
	objs := []runtime.Object{
		&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n0", Labels: managed}},
		&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n1", Labels: managed,
			Annotations: map[string]string{simulator.AnnotationNodeFaults: `{"DiskPressure":""}`}}},
		&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "real"}},
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-1", Namespace: "default", Labels: map[string]string{"app": "web"}},
			Spec: corev1.PodSpec{RestartPolicy: corev1.RestartPolicyAlways}},
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "job-1", Namespace: "default", Labels: map[string]string{"app": "job"}},
			Spec: corev1.PodSpec{RestartPolicy: corev1.RestartPolicyNever, NodeName: "n0"}},
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "real-1", Namespace: "kube-system", Labels: map[string]string{"app": "real"}},
			Spec: corev1.PodSpec{RestartPolicy: corev1.RestartPolicyAlways, NodeName: "real"}},
	}
	return fake.NewSimpleClientset(objs...)
}

// writes counts the patches the fake apiserver received.
func writes(c *fake.Clientset) int {
	n := 0
	for _, a := range c.Actions() {
		if a.GetVerb() == "patch" {
			n++
		}
	}
	return n
}

func TestBadRequestsWriteNothing(t *testing.T) {
	ctx := context.Background()
	nodeCases := map[string]NodeRequest{
		"name the nodes":           {Faults: []string{"NotReady"}},
		"not both":                 {Target: Target{Names: []string{"n0"}, Selector: "a=b"}, Faults: []string{"NotReady"}},
		"--condition is required":  {Target: Target{Names: []string{"n0"}}},
		`"Sleepy" is not one of`:   {Target: Target{Names: []string{"n0"}}, Faults: []string{"Sleepy"}},
		"--for must be 0":          {Target: Target{Names: []string{"n0"}}, Faults: []string{"NotReady"}, For: -time.Second},
		`node "nope" not found`:    {Target: Target{Names: []string{"n0", "nope"}}, Faults: []string{"NotReady"}},
		`no node matches selector`: {Target: Target{Selector: "pool=b"}, Faults: []string{"NotReady"}},
		"real is not a kmctl node": {Target: Target{Names: []string{"n0", "real"}}, Faults: []string{"NotReady"}},
		`selector "a==b==c"`:       {Target: Target{Selector: "a==b==c"}, Faults: []string{"NotReady"}},
	}
	for want, r := range nodeCases {
		c := cluster()
		if _, err := SetNodes(ctx, c, r, now); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: error %v, want %q", r, err, want)
		}
		if n := writes(c); n != 0 {
			t.Errorf("%+v: %d writes before the error", r, n)
		}
	}
	pod := Target{Names: []string{"web-1"}, Namespace: "default"}
	podCases := map[string]PodRequest{
		"exactly one of":        {Target: pod, Fail: true, NotReady: true},
		"exactly one of --fail": {Target: pod},
		`--reason "Tired"`:      {Target: pod, Fail: true, Reason: "Tired"},
		"--exit-code must be":   {Target: pod, Fail: true, ExitCode: 300},
		"go with --fail":        {Target: pod, NotReady: true, ExitCode: 2},
		"restartPolicy Never":   {Target: Target{Selector: "app", Namespace: "default"}, CrashLoop: true, RunFor: time.Second},
		`pod "nope" not found`:  {Target: Target{Names: []string{"nope"}, Namespace: "default"}, Fail: true},
		`no pod matches selector "app=db" in any namespace`: {Target: Target{Selector: "app=db", AllNamespaces: true}, Fail: true},
	}
	for want, r := range podCases {
		c := cluster()
		if _, err := SetPods(ctx, c, r, now); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: error %v, want %q", r, err, want)
		}
		if n := writes(c); n != 0 {
			t.Errorf("%+v: %d writes before the error", r, n)
		}
	}
}

func TestNodeFaultsMergeAndClear(t *testing.T) {
	ctx := context.Background()
	c := cluster()
	changed, err := SetNodes(ctx, c, NodeRequest{Target: Target{Selector: "pool=a"}, Faults: []string{"NotReady"}, For: 5 * time.Minute}, now)
	if err != nil || len(changed) != 2 {
		t.Fatalf("changed %v, %v", changed, err)
	}
	n1, _ := c.CoreV1().Nodes().Get(ctx, "n1", metav1.GetOptions{})
	faults, err := simulator.ParseNodeFaults(n1.Annotations[simulator.AnnotationNodeFaults])
	if err != nil || !faults["DiskPressure"].IsZero() || !faults["NotReady"].Equal(now.Add(5*time.Minute)) {
		t.Fatalf("n1 faults %v, %v: want DiskPressure kept and NotReady for 5m", faults, err)
	}
	entries, err := List(ctx, c, "", now)
	if err != nil || len(entries) != 3 {
		t.Fatalf("list %+v, %v: want 3 faults", entries, err)
	}
	if later, _ := List(ctx, c, "", now.Add(10*time.Minute)); len(later) != 1 || later[0].Fault != "DiskPressure" {
		t.Errorf("after 10m %+v, want only the DiskPressure left", later)
	}
	if _, err := ClearNodes(ctx, c, Target{Names: []string{"n1"}}, []string{"NotReady"}); err != nil {
		t.Fatal(err)
	}
	n1, _ = c.CoreV1().Nodes().Get(ctx, "n1", metav1.GetOptions{})
	if got := n1.Annotations[simulator.AnnotationNodeFaults]; got != `{"DiskPressure":""}` {
		t.Errorf("after clearing NotReady: %s", got)
	}
	if _, err := ClearNodes(ctx, c, Target{Names: []string{"n1"}}, nil); err != nil {
		t.Fatal(err)
	}
	n1, _ = c.CoreV1().Nodes().Get(ctx, "n1", metav1.GetOptions{})
	if _, ok := n1.Annotations[simulator.AnnotationNodeFaults]; ok {
		t.Errorf("clearing every fault leaves %v", n1.Annotations)
	}
}

func TestPodFaults(t *testing.T) {
	ctx := context.Background()
	c := cluster()
	r := PodRequest{Target: Target{Names: []string{"web-1"}, Namespace: "default"}, CrashLoop: true, RunFor: 5 * time.Second, Reason: "OOMKilled", For: time.Minute}
	if _, err := SetPods(ctx, c, r, now); err != nil {
		t.Fatal(err)
	}
	p, _ := c.CoreV1().Pods("default").Get(ctx, "web-1", metav1.GetOptions{})
	want := map[string]string{simulator.AnnotationFailAfter: "5s", simulator.AnnotationExitReason: "OOMKilled", simulator.AnnotationFaultUntil: "2026-12-04T19:01:00Z"}
	for k, v := range want {
		if p.Annotations[k] != v {
			t.Errorf("%s = %q, want %q", k, p.Annotations[k], v)
		}
	}
	if _, err := SetPods(ctx, c, PodRequest{Target: r.Target, NotReady: true}, now); err != nil {
		t.Fatal(err)
	}
	p, _ = c.CoreV1().Pods("default").Get(ctx, "web-1", metav1.GetOptions{})
	if len(p.Annotations) != 1 || p.Annotations[simulator.AnnotationReady] != "false" {
		t.Errorf("a new fault replaces the old: %v", p.Annotations)
	}
	if _, err := ClearPods(ctx, c, r.Target); err != nil {
		t.Fatal(err)
	}
	p, _ = c.CoreV1().Pods("default").Get(ctx, "web-1", metav1.GetOptions{})
	if len(p.Annotations) != 0 {
		t.Errorf("cleared pod keeps %v", p.Annotations)
	}
}

// TestClearingEveryFaultFixesAnUnreadableAnnotation: a node whose faults
// annotation does not parse refuses new faults, but clearing them all
// removes it.
func TestClearingEveryFaultFixesAnUnreadableAnnotation(t *testing.T) {
	ctx := context.Background()
	c := cluster()
	n0, _ := c.CoreV1().Nodes().Get(ctx, "n0", metav1.GetOptions{})
	n0.Annotations = map[string]string{simulator.AnnotationNodeFaults: "garbage"}
	if _, err := c.CoreV1().Nodes().Update(ctx, n0, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := SetNodes(ctx, c, NodeRequest{Target: Target{Names: []string{"n0"}}, Faults: []string{"NotReady"}}, now); err == nil || !strings.Contains(err.Error(), "annotate node n0 kmctl.dev/faults-") {
		t.Fatalf("error %v, want how to fix it", err)
	}
	if changed, err := ClearNodes(ctx, c, Target{Names: []string{"n0"}}, nil); err != nil || len(changed) != 1 {
		t.Fatalf("clear: %v %v", changed, err)
	}
	n0, _ = c.CoreV1().Nodes().Get(ctx, "n0", metav1.GetOptions{})
	if _, ok := n0.Annotations[simulator.AnnotationNodeFaults]; ok {
		t.Errorf("annotation left: %v", n0.Annotations)
	}
}

// TestRestartKubelets: every node is checked before the first write, and
// each restart writes a new time.
func TestRestartKubelets(t *testing.T) {
	ctx := context.Background()
	c := cluster()
	if _, err := RestartKubelets(ctx, c, Target{Names: []string{"n0", "real"}}, now); err == nil || !strings.Contains(err.Error(), "real is not a kmctl node") {
		t.Errorf("error %v, want the real node refused", err)
	}
	if n := writes(c); n != 0 {
		t.Fatalf("%d writes before the error", n)
	}
	for i, at := range []time.Time{now, now.Add(time.Millisecond)} {
		names, err := RestartKubelets(ctx, c, Target{Selector: "pool=a"}, at)
		if err != nil || len(names) != 2 {
			t.Fatalf("restart %d: %v, %v", i, names, err)
		}
		n, _ := c.CoreV1().Nodes().Get(ctx, "n1", metav1.GetOptions{})
		if got := n.Annotations[simulator.AnnotationKubeletRestart]; got != at.Format(time.RFC3339Nano) {
			t.Errorf("restart %d wrote %q", i, got)
		}
		if n.Annotations[simulator.AnnotationNodeFaults] == "" {
			t.Error("the restart dropped the node's faults")
		}
	}
}
