package scale

import (
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// buildPods builds pods 0..n-1 with one builder, as a scale run does.
func buildPods(t *testing.T, o PodOptions, n int) []*corev1.Pod {
	t.Helper()
	s, err := NewPodScaler(o)
	if err != nil {
		t.Fatal(err)
	}
	b := s.newObjects(nil).(*podObjects).b
	pods := make([]*corev1.Pod, n)
	for i := range pods {
		if pods[i], err = b.build(i); err != nil {
			t.Fatal(err)
		}
	}
	return pods
}

// TestMemoMatchesFullDecode checks that pods copied from the memo equal
// pods decoded from their own render, and share no memory.
func TestMemoMatchesFullDecode(t *testing.T) {
	o := podOpts()
	o.NodeSelector = []string{"pool=gpu"}
	pods := buildPods(t, o, 12)
	for i, p := range pods {
		fresh := buildPods(t, o, i+1)[i] // a new builder: an empty memo
		if !reflect.DeepEqual(p, fresh) {
			t.Fatalf("pod %d from the memo differs from its own decode:\n%+v\n%+v", i, p, fresh)
		}
	}
	pods[1].Labels["changed"] = "x"
	pods[1].Spec.Containers[0].Name = "changed"
	if _, ok := pods[2].Labels["changed"]; ok || pods[2].Spec.Containers[0].Name != "app" {
		t.Error("pods from the memo share maps or slices")
	}
}

// TestMemoSkipsRendersThatUseTheNameElsewhere covers templates where the
// memo would be wrong: the name also in a label, or not as metadata.name.
func TestMemoSkipsRendersThatUseTheNameElsewhere(t *testing.T) {
	tests := map[string]string{
		"name twice": `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Name }}
  labels:
    app: {{ .Name }}
spec:
  containers: [{name: app, image: pause}]
`,
		"name only in a label": `apiVersion: v1
kind: Pod
metadata:
  name: fixed
  labels:
    app: {{ .Name }}
spec:
  containers: [{name: app, image: pause}]
`,
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			o := podOpts()
			o.TemplateFile = writeTemplate(t, text)
			for i, p := range buildPods(t, o, 3) {
				if want := objectName("kmctl-pod", i); p.Name != want || p.Labels["app"] != want {
					t.Errorf("pod %d: name %q, label app %q; want %q", i, p.Name, p.Labels["app"], want)
				}
			}
		})
	}
}

func TestMemoKey(t *testing.T) {
	tests := []struct {
		rendered, name, want string
	}{
		{"name: p-1\nx: 1", "p-1", "name: \x00\nx: 1"},
		{"name: p-1\napp: p-1", "p-1", ""},
		{"name: fixed", "p-1", ""},
		{"name: p-1", "", ""},
	}
	for _, tt := range tests {
		if got := memoKey([]byte(tt.rendered), tt.name); got != tt.want {
			t.Errorf("memoKey(%q, %q) = %q, want %q", tt.rendered, tt.name, got, tt.want)
		}
	}
}
