package simulator

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
)

// newNodeInformer watches only the nodes matching the label selector.
func newNodeInformer(c kubernetes.Interface, selector string) cache.SharedIndexInformer {
	tweak := func(o *metav1.ListOptions) { o.LabelSelector = selector }
	lw := &cache.ListWatch{
		ListWithContextFunc: func(ctx context.Context, o metav1.ListOptions) (runtime.Object, error) {
			tweak(&o)
			return c.CoreV1().Nodes().List(ctx, o)
		},
		WatchFuncWithContext: func(ctx context.Context, o metav1.ListOptions) (watch.Interface, error) {
			tweak(&o)
			return c.CoreV1().Nodes().Watch(ctx, o)
		},
	}
	return cache.NewSharedIndexInformer(lw, &corev1.Node{}, 0, cache.Indexers{})
}

// newPodInformer watches only pods matching the field selector (bound pods).
func newPodInformer(c kubernetes.Interface, selector string) cache.SharedIndexInformer {
	tweak := func(o *metav1.ListOptions) { o.FieldSelector = selector }
	lw := &cache.ListWatch{
		ListWithContextFunc: func(ctx context.Context, o metav1.ListOptions) (runtime.Object, error) {
			tweak(&o)
			return c.CoreV1().Pods(metav1.NamespaceAll).List(ctx, o)
		},
		WatchFuncWithContext: func(ctx context.Context, o metav1.ListOptions) (watch.Interface, error) {
			tweak(&o)
			return c.CoreV1().Pods(metav1.NamespaceAll).Watch(ctx, o)
		},
	}
	inf := cache.NewSharedIndexInformer(lw, &corev1.Pod{}, 0, cache.Indexers{
		byNodeIndex: func(obj any) ([]string, error) {
			return []string{podNode(obj)}, nil
		},
	})
	return inf
}

// trim is the factory's transform (the factory sets it on every informer,
// replacing any set before).
func (s *Simulator) trim(obj any) (any, error) {
	switch p := obj.(type) {
	case *corev1.Node:
		return trimNode(obj)
	case *corev1.Pod:
		return settle(p, s.script, s.clock.Now()), nil
	}
	return obj, nil
}

// trimNode drops what the simulator never reads, to keep memory small.
func trimNode(obj any) (any, error) {
	if n, ok := obj.(*corev1.Node); ok {
		n.ManagedFields = nil
		n.Status.Images = nil
	}
	return obj, nil
}

func trimContainers(list []corev1.Container) []corev1.Container {
	if len(list) == 0 {
		return nil
	}
	out := make([]corev1.Container, len(list))
	for i, c := range list {
		out[i] = corev1.Container{Name: c.Name, Image: c.Image, RestartPolicy: c.RestartPolicy}
	}
	return out
}
