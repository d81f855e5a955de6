package simulator

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// settledPod is all the simulator keeps of a pod that needs nothing more from
// it until it is deleted: a running pod that never ends, or one that ended.
// At 100 000 pods, keeping whole pods would cost more than 300 MiB.
type settledPod struct {
	metav1.TypeMeta
	metav1.ObjectMeta
	NodeName    string
	PodIP       string
	HostNetwork bool
}

// DeepCopyObject implements runtime.Object.
func (p *settledPod) DeepCopyObject() runtime.Object {
	c := *p
	p.ObjectMeta.DeepCopyInto(&c.ObjectMeta)
	return &c
}

// settle returns the compact form of a pod that needs no more status writes,
// or the pod itself (trimmed) if it still does.
func settle(p *corev1.Pod) runtime.Object {
	if !isSettled(p) {
		return trimmedPod(p)
	}
	return &settledPod{
		ObjectMeta: metav1.ObjectMeta{
			Name:              p.Name,
			Namespace:         p.Namespace,
			UID:               p.UID,
			ResourceVersion:   p.ResourceVersion,
			DeletionTimestamp: p.DeletionTimestamp,
			Finalizers:        p.Finalizers,
		},
		NodeName:    p.Spec.NodeName,
		PodIP:       p.Status.PodIP,
		HostNetwork: p.Spec.HostNetwork,
	}
}

// isSettled is true for pods that ended, and for running pods that will not
// end (no complete-after annotation, not a Job's).
func isSettled(p *corev1.Pod) bool {
	switch p.Status.Phase {
	case corev1.PodSucceeded, corev1.PodFailed:
		return true
	case corev1.PodRunning:
		_, ends := p.Annotations[AnnotationCompleteAfter]
		return p.Status.PodIP != "" && !ends && !isJobPod(p)
	}
	return false
}

// trimmedPod keeps what a status write and the simulator's decisions need.
// The apiserver takes only the status and the metadata from a status write
// (labels and annotations included, so those stay), so the spec can be cut.
func trimmedPod(p *corev1.Pod) *corev1.Pod {
	p.ManagedFields = nil
	p.Spec = corev1.PodSpec{
		NodeName:       p.Spec.NodeName,
		HostNetwork:    p.Spec.HostNetwork,
		RestartPolicy:  p.Spec.RestartPolicy,
		Containers:     trimContainers(p.Spec.Containers),
		InitContainers: trimContainers(p.Spec.InitContainers),
	}
	return p
}

// podNode returns the node of either form of pod.
func podNode(obj any) string {
	switch p := obj.(type) {
	case *corev1.Pod:
		return p.Spec.NodeName
	case *settledPod:
		return p.NodeName
	}
	return ""
}
