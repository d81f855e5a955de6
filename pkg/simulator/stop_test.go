package simulator

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// TestDeletedPodHeldByAFinalizerIsStopped: a running pod being deleted whose
// finalizer waits for its end (a Job's under a podFailurePolicy) is reported
// Failed, with its containers terminated, and is not deleted while the
// finalizer stays; in either form the informer keeps.
func TestDeletedPodHeldByAFinalizerIsStopped(t *testing.T) {
	forms := map[string]func(*corev1.Pod) runtime.Object{
		"whole":   func(p *corev1.Pod) runtime.Object { return trimmedPod(p) },
		"settled": func(p *corev1.Pod) runtime.Object { return settle(p, script{}, time.Now()) },
	}
	for name, form := range forms {
		t.Run(name, func(t *testing.T) {
			ts := newTestSim(t, DefaultOptions())
			ts.addNode(t, "n1", "10.0.0.0/24")
			pod := boundPod()
			now := metav1.Now()
			pod.DeletionTimestamp, pod.DeletionGracePeriodSeconds = &now, ptr(int64(30))
			pod.Finalizers = []string{"batch.kubernetes.io/job-tracking"}
			pod.Status.Phase, pod.Status.PodIP = corev1.PodRunning, "10.0.0.2"
			created, err := ts.client.CoreV1().Pods("default").Create(context.Background(), pod, metav1.CreateOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := ts.pods.GetIndexer().Add(form(created.DeepCopy())); err != nil {
				t.Fatal(err)
			}
			syncOK(t, ts, "default/p")
			got, err := ts.client.CoreV1().Pods("default").Get(context.Background(), "p", metav1.GetOptions{})
			if err != nil {
				t.Fatalf("the pod is gone while its finalizer stays: %v", err)
			}
			if got.Status.Phase != corev1.PodFailed {
				t.Errorf("phase %s, want Failed", got.Status.Phase)
			}
			for _, c := range got.Status.ContainerStatuses {
				if c.State.Terminated == nil {
					t.Errorf("container %s not terminated: %+v", c.Name, c.State)
				}
			}
		})
	}
}
