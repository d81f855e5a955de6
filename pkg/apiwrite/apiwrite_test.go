package apiwrite

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/rest"
)

// request is what the test apiserver saw.
type request struct{ method, path, contentType string }

// server answers every request with status and body, and records it.
func server(t *testing.T, status int, body any) (kubernetes.Interface, *[]request) {
	t.Helper()
	var seen []request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		seen = append(seen, request{r.Method, r.URL.Path, r.Header.Get("Content-Type")})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	cfg := &rest.Config{Host: srv.URL}
	cfg.ContentType = "application/vnd.kubernetes.protobuf"
	c, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, &seen
}

func pod() *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns"}}
}

func TestWritesGoToTheirPaths(t *testing.T) {
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n"}}
	cases := []struct {
		name  string
		write func(context.Context, kubernetes.Interface) error
		want  request
	}{
		{"pod status", func(ctx context.Context, c kubernetes.Interface) error { return PodStatus(ctx, c, pod()) },
			request{"PUT", "/api/v1/namespaces/ns/pods/p/status", "application/vnd.kubernetes.protobuf"}},
		{"node status", func(ctx context.Context, c kubernetes.Interface) error { return NodeStatus(ctx, c, node) },
			request{"PUT", "/api/v1/nodes/n/status", "application/vnd.kubernetes.protobuf"}},
		{"create pod", func(ctx context.Context, c kubernetes.Interface) error { return CreatePod(ctx, c, pod()) },
			request{"POST", "/api/v1/namespaces/ns/pods", "application/vnd.kubernetes.protobuf"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// The answer is not a pod at all: a write that decoded it would fail.
			c, seen := server(t, http.StatusOK, map[string]string{"kind": "NotAPod"})
			if err := tc.write(context.Background(), c); err != nil {
				t.Fatalf("write: %v", err)
			}
			if len(*seen) != 1 || (*seen)[0] != tc.want {
				t.Fatalf("requests = %+v, want one %+v", *seen, tc.want)
			}
		})
	}
}

func TestAnErrorKeepsItsReason(t *testing.T) {
	status := metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusFailure, Reason: metav1.StatusReasonConflict, Code: http.StatusConflict,
		Message: "the object has been modified",
	}
	c, _ := server(t, http.StatusConflict, status)
	err := PodStatus(context.Background(), c, pod())
	if !apierrors.IsConflict(err) {
		t.Fatalf("err = %v, want a conflict", err)
	}
}

func TestAFakeClientsetGetsTypedWrites(t *testing.T) {
	c := fake.NewClientset(pod())
	if err := CreatePod(context.Background(), c, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "q", Namespace: "ns"}}); err != nil {
		t.Fatal(err)
	}
	p := pod()
	p.Status.Phase = corev1.PodRunning
	if err := PodStatus(context.Background(), c, p); err != nil {
		t.Fatal(err)
	}
	got, err := c.CoreV1().Pods("ns").Get(context.Background(), "p", metav1.GetOptions{})
	if err != nil || got.Status.Phase != corev1.PodRunning {
		t.Fatalf("pod = %+v, %v; want it Running", got, err)
	}
	if _, err := c.CoreV1().Pods("ns").Get(context.Background(), "q", metav1.GetOptions{}); err != nil {
		t.Fatalf("created pod: %v", err)
	}
}
