package benchrun

import (
	"context"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
)

// podTimes is when the watch first saw one pod in each state.
type podTimes struct {
	namespace string
	labels    map[string]string
	created   time.Time
	bound     time.Time
	running   time.Time
	deleted   time.Time
}

// podClock watches every pod of the cluster and keeps the times it first
// saw each one created, bound and Running: the watch delivers events within
// milliseconds, where status fields have second resolution. It keeps only
// what it needs of a pod, so 100 000 pods cost a few MiB.
type podClock struct {
	mu   sync.Mutex
	pods map[types.UID]*podTimes
	// bound and running count the transitions seen, for the timeline.
	bound, running int
	// lists counts the informer's lists; relists are when each list after
	// the first began. The reflector lists again when a watch ends with an
	// error (the apiserver closes a watcher that falls a second behind),
	// and pods that changed in the gap are seen late.
	lists   int
	relists []time.Time
	now     func() time.Time
}

func newPodClock() *podClock {
	return &podClock{pods: map[types.UID]*podTimes{}, now: time.Now}
}

// start lists and watches the pods with the label selector until ctx
// ends, and returns once the first list is in: pods that exist before are
// counted as seen then. The run watches its own pods only, so the other
// pods of a busy cluster cost it nothing.
func (c *podClock) start(ctx context.Context, client kubernetes.Interface, selector string) error {
	lw := &cache.ListWatch{
		ListFunc: func(o metav1.ListOptions) (runtime.Object, error) {
			c.listing()
			o.LabelSelector = selector
			return client.CoreV1().Pods("").List(ctx, o)
		},
		WatchFunc: func(o metav1.ListOptions) (watch.Interface, error) {
			o.LabelSelector = selector
			return client.CoreV1().Pods("").Watch(ctx, o)
		},
	}
	_, inf := cache.NewInformerWithOptions(cache.InformerOptions{
		ListerWatcher: lw,
		ObjectType:    &corev1.Pod{},
		Transform:     slimPod,
		Handler: cache.ResourceEventHandlerFuncs{
			AddFunc:    func(obj any) { c.observe(obj) },
			UpdateFunc: func(_, obj any) { c.observe(obj) },
			DeleteFunc: c.gone,
		},
	})
	go inf.Run(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
		return ctx.Err()
	}
	return nil
}

// listing notes a list, and a relist after the first.
func (c *podClock) listing() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lists++; c.lists > 1 {
		c.relists = append(c.relists, c.now())
	}
}

// relistsIn are the relists between start and end.
func (c *podClock) relistsIn(start, end time.Time) []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []time.Time
	for _, at := range c.relists {
		if !at.Before(start) && !at.After(end) {
			out = append(out, at)
		}
	}
	return out
}

// slimPod keeps of a pod what the clock reads (its identity, labels, node
// and phase), so the informer's cache of 100 000 pods stays small and
// cheap to collect.
func slimPod(obj any) (any, error) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return obj, nil // a tombstone
	}
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Name: pod.Name, Namespace: pod.Namespace, UID: pod.UID, Labels: pod.Labels,
			ResourceVersion: pod.ResourceVersion,
		},
		Spec:   corev1.PodSpec{NodeName: pod.Spec.NodeName},
		Status: corev1.PodStatus{Phase: pod.Status.Phase},
	}, nil
}

// observe notes the first time a pod is seen, bound and Running.
func (c *podClock) observe(obj any) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return
	}
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.pods[pod.UID]
	if t == nil {
		t = &podTimes{namespace: pod.Namespace, labels: pod.Labels, created: now}
		c.pods[pod.UID] = t
	}
	if pod.Spec.NodeName != "" && t.bound.IsZero() {
		t.bound = now
		c.bound++
	}
	if pod.Status.Phase == corev1.PodRunning && t.running.IsZero() {
		t.running = now
		c.running++
	}
}

// gone notes a pod's deletion; its times stay for the op's figures.
func (c *podClock) gone(obj any) {
	if d, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = d.Obj
	}
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return
	}
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if t := c.pods[pod.UID]; t != nil && t.deleted.IsZero() {
		t.deleted = now
	}
}

// counts are the transitions seen so far.
func (c *podClock) counts() (bound, running int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bound, c.running
}

// snapshot copies the times of the pods keep selects.
func (c *podClock) snapshot(keep func(*podTimes) bool) []podTimes {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]podTimes, 0, len(c.pods))
	for _, t := range c.pods {
		if keep(t) {
			out = append(out, *t)
		}
	}
	return out
}

// each calls fn for every pod, under the lock: fn must not block.
func (c *podClock) each(fn func(*podTimes)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range c.pods {
		fn(t)
	}
}

// forget drops the pods that are gone, between repeats and ops, so that
// churn does not grow the map for ever.
func (c *podClock) forget(before time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for uid, t := range c.pods {
		if !t.deleted.IsZero() && t.deleted.Before(before) {
			delete(c.pods, uid)
		}
	}
}
