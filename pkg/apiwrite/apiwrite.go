// Package apiwrite makes the writes kmctl repeats by the thousand (a pod's
// status, a node's status, a pod created) without decoding the object the
// apiserver answers with: the callers never read it, and decoding it (its
// managedFields included) costs about as much CPU as encoding the request,
// and makes garbage the collector then has to mark.
//
// A real clientset writes through its REST client and reads only the
// status code (an error's Status body is still decoded, so apierrors'
// predicates work). A clientset without one, such as client-go's fake,
// writes through its typed client, so tests see the same actions.
package apiwrite

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// PodStatus writes the pod's status (PUT .../pods/NAME/status).
func PodStatus(ctx context.Context, c kubernetes.Interface, pod *corev1.Pod) error {
	rc := restOf(c)
	if rc == nil {
		_, err := c.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, pod, metav1.UpdateOptions{})
		return err
	}
	return rc.Put().Namespace(pod.Namespace).Resource("pods").Name(pod.Name).
		SubResource("status").Body(pod).Do(ctx).Error()
}

// NodeStatus writes the node's status (PUT .../nodes/NAME/status).
func NodeStatus(ctx context.Context, c kubernetes.Interface, node *corev1.Node) error {
	rc := restOf(c)
	if rc == nil {
		_, err := c.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{})
		return err
	}
	return rc.Put().Resource("nodes").Name(node.Name).SubResource("status").
		Body(node).Do(ctx).Error()
}

// CreatePod creates the pod in its namespace (POST .../pods).
func CreatePod(ctx context.Context, c kubernetes.Interface, pod *corev1.Pod) error {
	rc := restOf(c)
	if rc == nil {
		_, err := c.CoreV1().Pods(pod.Namespace).Create(ctx, pod, metav1.CreateOptions{})
		return err
	}
	return rc.Post().Namespace(pod.Namespace).Resource("pods").Body(pod).Do(ctx).Error()
}

// restOf is c's core/v1 REST client, or nil when c has none.
func restOf(c kubernetes.Interface) *rest.RESTClient {
	rc, ok := c.CoreV1().RESTClient().(*rest.RESTClient)
	if !ok || rc == nil {
		return nil
	}
	return rc
}
