package simulator

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

// settledPod is all the simulator keeps of a pod that needs nothing more from
// it until it is deleted: a running pod that never ends, or one that ended.
// It holds plain fields rather than an ObjectMeta (which alone is 232 bytes),
// with the namespace and node name shared between pods: at 100 000 pods the
// cache is what the simulator's resident memory is made of.
type settledPod struct {
	Name, Namespace   string
	UID               types.UID
	ResourceVersion   string
	DeletionTimestamp *metav1.Time
	// DeletionGracePeriodSeconds is shared with the pod it came from.
	DeletionGracePeriodSeconds *int64
	Finalizers                 []string
	NodeName                   string
	PodIP                      string
	HostNetwork                bool
	// Ended is true for a pod that succeeded or failed.
	Ended bool
	// GraceCap is the longest its graceful deletion takes (see deletion.wait).
	GraceCap time.Duration
}

// GetObjectKind implements runtime.Object.
func (p *settledPod) GetObjectKind() schema.ObjectKind { return schema.EmptyObjectKind }

// DeepCopyObject implements runtime.Object.
func (p *settledPod) DeepCopyObject() runtime.Object {
	c := *p
	if p.DeletionTimestamp != nil {
		c.DeletionTimestamp = p.DeletionTimestamp.DeepCopy()
	}
	if p.DeletionGracePeriodSeconds != nil {
		c.DeletionGracePeriodSeconds = ptr(*p.DeletionGracePeriodSeconds)
	}
	c.Finalizers = append([]string(nil), p.Finalizers...)
	return &c
}

// GetObjectMeta implements metav1.ObjectMetaAccessor, so that informers and
// meta.Accessor see the pod's name, namespace and UID. It returns a copy:
// changing it changes nothing.
func (p *settledPod) GetObjectMeta() metav1.Object {
	return &metav1.ObjectMeta{
		Name: p.Name, Namespace: p.Namespace, UID: p.UID,
		ResourceVersion: p.ResourceVersion, DeletionTimestamp: p.DeletionTimestamp,
		DeletionGracePeriodSeconds: p.DeletionGracePeriodSeconds, Finalizers: p.Finalizers,
	}
}

// settle returns the compact form of a pod that needs no more status writes,
// or the pod itself (trimmed) if it still does.
func settle(p *corev1.Pod, sc script, now time.Time) runtime.Object {
	v, _ := viewOf(p, now, sc)
	if !isSettledView(v) {
		return trimmedPod(p)
	}
	return &settledPod{
		Name:                       p.Name,
		Namespace:                  shared.intern(p.Namespace),
		UID:                        p.UID,
		ResourceVersion:            p.ResourceVersion,
		DeletionTimestamp:          p.DeletionTimestamp,
		DeletionGracePeriodSeconds: p.DeletionGracePeriodSeconds,
		Finalizers:                 p.Finalizers,
		NodeName:                   shared.intern(p.Spec.NodeName),
		PodIP:                      p.Status.PodIP,
		HostNetwork:                p.Spec.HostNetwork,
		Ended:                      ended(p),
		GraceCap:                   v.graceCap,
	}
}

// ended is true for a pod that succeeded or failed.
func ended(p *corev1.Pod) bool {
	return p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed
}

// isSettled is true for a pod that at now only rules playing on the compact
// form (deletion) can claim: no step of its life is left to play.
func isSettled(p *corev1.Pod, sc script, now time.Time) bool {
	v, _ := viewOf(p, now, sc)
	return isSettledView(v)
}

// isSettledView is isSettled of a pod's view.
func isSettledView(v *podView) bool {
	for i := range podRules {
		if podRules[i].claims(v) && !podRules[i].onCompact {
			return false
		}
	}
	return true
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

// podIPOf returns the IP either form of pod reports.
func podIPOf(obj any) string {
	switch p := obj.(type) {
	case *corev1.Pod:
		return p.Status.PodIP
	case *settledPod:
		return p.PodIP
	}
	return ""
}
