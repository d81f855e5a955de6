package scale

import (
	"bytes"
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"

	"github.com/kmctl/kmctl/pkg/cluster"
)

func runNodes(t *testing.T, client kubernetes.Interface, replicas int) Result {
	t.Helper()
	o := nodeOpts()
	o.Replicas = replicas
	s, err := NewNodeScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Run(context.Background(), client)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func nodeNames(t *testing.T, client kubernetes.Interface) []string {
	t.Helper()
	l, err := client.CoreV1().Nodes().List(context.Background(), metav1.ListOptions{LabelSelector: LabelScale + "=kmctl-node"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range l.Items {
		names = append(names, n.Name)
	}
	sort.Strings(names)
	return names
}

func TestRunScalesNodesUpAndDown(t *testing.T) {
	other := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "other-0", Labels: map[string]string{LabelScale: "other"}}}
	client := fake.NewClientset(other)
	if r := runNodes(t, client, 5); r.Created != 5 || r.Deleted != 0 {
		t.Errorf("up: %v", r)
	}
	if r := runNodes(t, client, 5); r.Created != 0 || r.Deleted != 0 {
		t.Errorf("again: %v", r)
	}
	if r := runNodes(t, client, 2); r.Created != 0 || r.Deleted != 3 {
		t.Errorf("down: %v", r)
	}
	if got := strings.Join(nodeNames(t, client), ","); got != "kmctl-node-0,kmctl-node-1" {
		t.Errorf("nodes left: %s", got)
	}
	if r := runNodes(t, client, 0); r.Deleted != 2 || len(nodeNames(t, client)) != 0 {
		t.Errorf("zero: %v", r)
	}
	if _, err := client.CoreV1().Nodes().Get(context.Background(), "other-0", metav1.GetOptions{}); err != nil {
		t.Errorf("another prefix's node was touched: %v", err)
	}
}

func TestGrowOnlyDeletesNothing(t *testing.T) {
	client := fake.NewClientset()
	runNodes(t, client, 3)
	o := nodeOpts()
	o.Replicas, o.GrowOnly = 1, true
	s, err := NewNodeScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := s.Run(context.Background(), client); err != nil || r.Deleted != 0 || len(nodeNames(t, client)) != 3 {
		t.Errorf("grow-only to fewer: %v, %v, %d nodes left", r, err, len(nodeNames(t, client)))
	}
}

func TestDeleteSelectedPods(t *testing.T) {
	pod := func(name string, l map[string]string) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "ns", Labels: l}}
	}
	mine := map[string]string{"run": "a"}
	client := fake.NewClientset(pod("a-0", mine), pod("a-1", mine), pod("b-0", map[string]string{"run": "b"}))
	n, err := DeleteSelectedPods(context.Background(), client, "ns", "run=a", 4, nil)
	if err != nil || n != 2 {
		t.Fatalf("deleted %d, %v; want 2", n, err)
	}
	l, _ := client.CoreV1().Pods("ns").List(context.Background(), metav1.ListOptions{})
	if len(l.Items) != 1 || l.Items[0].Name != "b-0" {
		t.Errorf("left %v, want b-0 alone", l.Items)
	}
}

func TestRunWaitsForPodsRunning(t *testing.T) {
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "default"}}
	client := fake.NewClientset(ns)
	client.PrependReactor("create", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		a.(k8stesting.CreateAction).GetObject().(*corev1.Pod).Status.Phase = corev1.PodRunning
		return false, nil, nil
	})
	o := podOpts()
	o.Replicas, o.Wait = 20, true
	var progress bytes.Buffer
	o.Progress = &progress
	s, err := NewPodScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Run(context.Background(), client)
	if err != nil || res.Created != 20 || res.Ready != 20 || !res.Waited {
		t.Fatalf("result %v, err %v", res, err)
	}
	if !strings.Contains(res.String(), "20 Running") || !strings.Contains(progress.String(), "creating pods") {
		t.Errorf("result %q, progress %q", res, progress.String())
	}
}

func TestRunWaitTimesOut(t *testing.T) {
	client := fake.NewClientset()
	o := nodeOpts()
	o.Replicas, o.Wait, o.Timeout = 3, true, 500*time.Millisecond
	s, err := NewNodeScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Run(context.Background(), client)
	var nr *NotReadyError
	if !errors.As(err, &nr) || nr.NotReady != 3 || res.Created != 3 || res.Ready != 0 {
		t.Fatalf("result %v, err %v", res, err)
	}
	if len(res.NotReady) != 1 || res.NotReady[0].Count != 3 || !strings.Contains(err.Error(), "no Ready condition") {
		t.Errorf("reasons %v, err %v", res.NotReady, err)
	}
}

func TestRunChecksNamespaceAndPriorityClass(t *testing.T) {
	o := podOpts()
	o.Namespace = "load"
	s, err := NewPodScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Run(context.Background(), fake.NewClientset())
	if err == nil || !strings.Contains(err.Error(), "kubectl create namespace load") {
		t.Errorf("err %v", err)
	}
	o.PriorityClass = "high"
	s, _ = NewPodScaler(o)
	_, err = s.Run(context.Background(), fake.NewClientset(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "load"}}))
	if err == nil || !strings.Contains(err.Error(), "kubectl create priorityclass high") {
		t.Errorf("err %v", err)
	}
}

type fakeClusters struct {
	st      cluster.Status
	disable []string
}

func (f fakeClusters) Status(context.Context, string) (cluster.Status, error) { return f.st, nil }
func (f fakeClusters) Client(string) (*kubernetes.Clientset, error) {
	return &kubernetes.Clientset{}, nil
}
func (f fakeClusters) Config(name string) (*cluster.Config, error) {
	return &cluster.Config{Name: name, Disable: f.disable}, nil
}

func TestConnect(t *testing.T) {
	cases := []struct {
		state string
		down  []string
		// want is in the error, or in the note when the cluster can be scaled.
		want string
		ok   bool
	}{
		{"running", nil, "", true},
		{"stopped", nil, "kmctl start cluster --name c", false},
		{"degraded", []string{"kube-scheduler"}, "new pods stay Pending until `kmctl start component kube-scheduler --name c`", true},
		{"degraded", []string{"kube-controller-manager", "prometheus"}, `cluster "c" runs without kube-controller-manager, prometheus`, true},
		{"degraded", []string{"kube-scheduler", "kmctl-simulator"}, "down: kube-scheduler, kmctl-simulator", false},
		{"degraded", []string{"kube-apiserver"}, "restart it with `kmctl start cluster --name c`", false},
		{"incomplete", nil, "kmctl create cluster --name c", false},
	}
	for _, tc := range cases {
		var note bytes.Buffer
		_, err := Connect(context.Background(), fakeClusters{st: cluster.Status{State: tc.state, Down: tc.down}}, "c", &note)
		if tc.ok {
			if err != nil || !strings.Contains(note.String(), tc.want) {
				t.Errorf("%s %v: err %v, note %q; want no error and a note with %q", tc.state, tc.down, err, note.String(), tc.want)
			}
			continue
		}
		checkErr(t, err, tc.want)
	}
}
