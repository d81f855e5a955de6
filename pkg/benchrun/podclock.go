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
	// watchPods opens the watch: slim in protobuf, or in tests the fake
	// clientset's.
	watchPods func(context.Context, kubernetes.Interface, metav1.ListOptions) (watch.Interface, error)
	// synced closes when the first list is in.
	synced   chan struct{}
	syncOnce sync.Once
}

func newPodClock() *podClock {
	return &podClock{pods: map[types.UID]*podTimes{}, now: time.Now, watchPods: slimWatch, synced: make(chan struct{})}
}

// start lists and watches the pods with the label selector until ctx
// ends, and returns once the first list is in: pods that exist before are
// counted as seen then. The run watches its own pods only, so the other
// pods of a busy cluster cost it nothing. The clock is the reflector's
// store itself: each event is timed as it is decoded, with no queue and no
// cache between the stream and the clock.
func (c *podClock) start(ctx context.Context, client kubernetes.Interface, selector string) error {
	lw := &cache.ListWatch{
		ListFunc: func(o metav1.ListOptions) (runtime.Object, error) {
			c.listing()
			o.LabelSelector = selector
			return client.CoreV1().Pods("").List(ctx, o)
		},
		WatchFunc: func(o metav1.ListOptions) (watch.Interface, error) {
			o.LabelSelector = selector
			return c.watchPods(ctx, client, o)
		},
	}
	r := cache.NewReflectorWithOptions(lw, &corev1.Pod{}, c, cache.ReflectorOptions{Name: "kmctl pod clock"})
	go r.RunWithContext(ctx)
	select {
	case <-c.synced:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// slimWatch watches pods through the slim protobuf decoder.
func slimWatch(ctx context.Context, client kubernetes.Interface, o metav1.ListOptions) (watch.Interface, error) {
	return watchSlimPods(ctx, client.CoreV1().RESTClient(), o)
}

// Add, Update, Delete, Replace and Resync make the clock the reflector's
// store.
func (c *podClock) Add(obj any) error    { c.observe(obj); return nil }
func (c *podClock) Update(obj any) error { c.observe(obj); return nil }
func (c *podClock) Delete(obj any) error { c.gone(obj); return nil }
func (c *podClock) Resync() error        { return nil }

// Replace takes a list: its pods are seen, and those the clock knows that
// it lacks were deleted while the watch was down.
func (c *podClock) Replace(items []any, _ string) error {
	listed := map[types.UID]bool{}
	for _, obj := range items {
		c.observe(obj)
		if pod, ok := obj.(*corev1.Pod); ok {
			listed[pod.UID] = true
		}
	}
	now := c.now()
	c.mu.Lock()
	for uid, t := range c.pods {
		if !listed[uid] && t.deleted.IsZero() {
			t.deleted = now
		}
	}
	c.mu.Unlock()
	c.syncOnce.Do(func() { close(c.synced) })
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
