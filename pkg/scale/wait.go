package scale

import (
	"context"
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/cache"
)

// readyTracker counts ready objects from informer events.
type readyTracker struct {
	isReady func(any) bool
	mu      sync.Mutex
	ready   map[string]bool
	changed chan struct{}
}

func newReadyTracker(isReady func(any) bool) *readyTracker {
	return &readyTracker{isReady: isReady, ready: map[string]bool{}, changed: make(chan struct{}, 1)}
}

// handler feeds the tracker from an informer.
func (t *readyTracker) handler() cache.ResourceEventHandlerFuncs {
	return cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { t.set(obj, t.isReady(obj)) },
		UpdateFunc: func(_, obj any) { t.set(obj, t.isReady(obj)) },
		DeleteFunc: func(obj any) { t.set(obj, false) },
	}
}

func (t *readyTracker) set(obj any, ready bool) {
	key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
	if err != nil {
		return
	}
	t.mu.Lock()
	if ready {
		t.ready[key] = true
	} else {
		delete(t.ready, key)
	}
	t.mu.Unlock()
	select {
	case t.changed <- struct{}{}:
	default:
	}
}

func (t *readyTracker) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.ready)
}

// waitReady watches the objects lw lists until want of them are ready or ctx
// ends; it calls onChange with the ready count as it changes. When ctx ends
// first it returns ctx's error and the objects that are not ready.
func waitReady(ctx context.Context, lw cache.ListerWatcher, example runtime.Object, isReady func(any) bool,
	want int, onChange func(int)) (int, []any, error) {
	t := newReadyTracker(isReady)
	informer := cache.NewSharedIndexInformer(lw, example, 0, cache.Indexers{})
	if _, err := informer.AddEventHandler(t.handler()); err != nil {
		return 0, nil, err
	}
	stop := make(chan struct{})
	defer close(stop)
	go informer.Run(stop)
	last := -1
	for {
		n := t.count()
		if n != last {
			onChange(n)
			last = n
		}
		if n >= want {
			return n, nil, nil
		}
		select {
		case <-ctx.Done():
			return t.count(), notReadyObjects(informer.GetStore().List(), isReady), ctx.Err()
		case <-t.changed:
		}
	}
}

func notReadyObjects(objs []any, isReady func(any) bool) []any {
	var out []any
	for _, o := range objs {
		if !isReady(o) {
			out = append(out, o)
		}
	}
	return out
}
