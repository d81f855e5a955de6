package scale

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
)

// podHead starts a user pod template: lines 1-4 of the render.
const podHead = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Name }}
`

// TestUserTemplateIsCheckedForEveryIndexBeforeCreating covers templates that
// render index 0 (the constructor's check) but break for a later index: the
// run must fail before creating any pod and name the file, index and line.
func TestUserTemplateIsCheckedForEveryIndexBeforeCreating(t *testing.T) {
	cases := map[string]struct {
		text string
		want []string
	}{
		"bad indent on odd indices": {podHead + `{{- if eq (mod .Index 2) 1 }}
   labels: {a: b}
{{- end }}
spec:
  containers: [{name: app, image: pause}]
`, []string{"invalid YAML for kmctl-pod-1 (index 1)", "line 5 of the rendered output", `"   labels: {a: b}"`, "(line 6 of "}},
		"division by zero at index 3": {podHead + `  labels:
    x: "{{ div 100 (sub .Index 3) }}"
spec:
  containers: [{name: app, image: pause}]
`, []string{"cannot render template", "for kmctl-pod-3 (index 3)", "line 6, column", "division by zero"}},
		"bad quantity above index 1": {podHead + `spec:
  containers:
  - name: app
    image: pause
    resources:
      requests:
        cpu: "{{ if gt .Index 1 }}lots{{ else }}1{{ end }}"
`, []string{"for kmctl-pod-2 (index 2)", "quantities must match", `line 11 of the rendered output: "        cpu: \"lots\""`}},
		"unknown field above index 1": {podHead + `spec:
  containers:
  - name: app
    image: pause
    {{ if gt .Index 1 }}bogus: 1{{ end }}
`, []string{"for kmctl-pod-2 (index 2)", `unknown field "spec.containers[0].bogus"`, "line 9 of the rendered output"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			client := fake.NewClientset(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "default"}})
			o := podOpts()
			o.Replicas = 6
			o.TemplateFile = writeTemplate(t, c.text)
			s, err := NewPodScaler(o)
			if err != nil {
				t.Fatalf("index 0 must render: %v", err)
			}
			res, err := s.Run(context.Background(), client)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range append(c.want, o.TemplateFile, "nothing was created") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			pods, _ := client.CoreV1().Pods("default").List(context.Background(), metav1.ListOptions{})
			if res.Created != 0 || len(pods.Items) != 0 {
				t.Errorf("created %d pods (%d listed) before failing", res.Created, len(pods.Items))
			}
		})
	}
}

func TestUserNodeTemplateIsCheckedForEveryIndex(t *testing.T) {
	client := fake.NewClientset()
	o := nodeOpts()
	o.Replicas = 4
	o.TemplateFile = writeTemplate(t, `apiVersion: v1
kind: Node
metadata:
  name: {{ .Name }}
status:
  capacity:
    cpu: "{{ if eq .Index 3 }}x{{ end }}1"
`)
	s, err := NewNodeScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Run(context.Background(), client)
	if err == nil || !strings.Contains(err.Error(), "kmctl-node-3 (index 3)") || !strings.Contains(err.Error(), "line 7 of the rendered output") {
		t.Errorf("err %v", err)
	}
	if names := nodeNames(t, client); len(names) != 0 {
		t.Errorf("nodes created before failing: %v", names)
	}
}

// TestUserTemplateCheckRendersWhatIsCreated checks that nodes created after
// the check carry the pod ranges the check rendered, and that a user
// template that renders every index creates them all.
func TestUserTemplateCheckRendersWhatIsCreated(t *testing.T) {
	held := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "other"}, Spec: corev1.NodeSpec{PodCIDR: "10.128.1.0/24"}}
	client := fake.NewClientset(held)
	o := nodeOpts()
	o.TemplateFile = writeTemplate(t, readBuiltinNode(t))
	s, err := NewNodeScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := s.Run(context.Background(), client); err != nil || res.Created != 3 {
		t.Fatalf("result %v, err %v", res, err)
	}
	seen := map[string]bool{"10.128.1.0/24": true}
	for _, name := range nodeNames(t, client) {
		n, _ := client.CoreV1().Nodes().Get(context.Background(), name, metav1.GetOptions{})
		if seen[n.Spec.PodCIDR] {
			t.Errorf("node %s got the pod range %s twice", name, n.Spec.PodCIDR)
		}
		seen[n.Spec.PodCIDR] = true
	}
}

func readBuiltinNode(t *testing.T) string {
	return mustRead(t, "../../templates/node.yaml")
}

func TestCheckAllReturnsTheLowestFailingIndex(t *testing.T) {
	indices := make([]int, 1000)
	for i := range indices {
		indices[i] = i
	}
	for _, workers := range []int{1, 3, 8} {
		err := checkAll(context.Background(), indices, workers, func(i int) error {
			if i >= 400 && i%7 == 0 {
				return fmt.Errorf("index %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "index 406" {
			t.Errorf("%d workers: err %v, want index 406", workers, err)
		}
	}
	if err := checkAll(context.Background(), indices, 4, func(int) error { return nil }); err != nil {
		t.Errorf("err %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := checkAll(ctx, indices, 4, func(int) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: err %v", err)
	}
}

// TestBuiltinTemplatesAreCheckedOnce checks that built-in templates, which
// cannot fail for one index only, are not rendered twice per object.
func TestBuiltinTemplatesAreCheckedOnce(t *testing.T) {
	ps, _ := NewPodScaler(podOpts())
	ns, _ := NewNodeScaler(nodeOpts())
	o := podOpts()
	o.TemplateFile = writeTemplate(t, podHead+"spec:\n  containers: [{name: app, image: pause}]\n")
	us, err := NewPodScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	if ps.checkAll || ns.checkAll || !us.checkAll {
		t.Errorf("checkAll: built-in pod %v, built-in node %v, user %v", ps.checkAll, ns.checkAll, us.checkAll)
	}
}

func TestCIDRSlotsTakeIsStablePerIndex(t *testing.T) {
	c := newCIDRSlots([]string{"10.128.2.0/24"})
	first, _ := c.take(2)
	again, _ := c.take(2)
	other, _ := c.take(0)
	if first != again || first == 2 || other == first {
		t.Errorf("take(2) = %d then %d, take(0) = %d", first, again, other)
	}
}

// TestBuiltinTemplatesQuoteNames checks names that YAML would read as
// numbers: a prefix of "1e" makes "1e-0", the float 1.
func TestBuiltinTemplatesQuoteNames(t *testing.T) {
	po := podOpts()
	po.Prefix, po.Namespace = "1e", "123"
	if _, err := NewPodScaler(po); err != nil {
		t.Errorf("pod: %v", err)
	}
	no := nodeOpts()
	no.Prefix = "1e"
	if n := buildNode(t, no, 5); n.Name != "1e-5" {
		t.Errorf("node name %q", n.Name)
	}
}
