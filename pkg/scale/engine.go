package scale

import (
	"context"
	"errors"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
)

// listPageSize bounds one list request while counting existing objects.
const listPageSize = 5000

// reasonLookupTimeout bounds the reads that explain, once the wait has
// timed out, why objects are not ready.
const reasonLookupTimeout = 10 * time.Second

// objects is what the scaler needs of nodes or pods.
type objects interface {
	// preflight checks what must exist before the first create.
	preflight(ctx context.Context) error
	list(ctx context.Context, o metav1.ListOptions) ([]metav1.ObjectMeta, string, error)
	// check renders and decodes object index as create would, without writing.
	check(index int) error
	create(ctx context.Context, index int) error
	remove(ctx context.Context, name string) error
	listWatch(selector string) (cache.ListerWatcher, runtime.Object)
	ready(obj any) bool
	// notReady says why objs are not ready; it may read the cluster with ctx.
	notReady(ctx context.Context, objs []any, h hints) []Reason
}

// Scaler brings the objects of one prefix to a number of replicas. Build it
// with NewNodeScaler or NewPodScaler, which check flags and template first.
type Scaler struct {
	opts                         Options
	plural, readyWord, namespace string
	newObjects                   func(kubernetes.Interface) objects
	// checkAll renders every object to create before the first write: set
	// for user templates, which may fail for some indices only.
	checkAll bool
	// simulator is the hint on what plays kubelet in reasons; "" means the
	// cluster's kmctl-simulator.
	simulator string
}

// Run lists the objects with the scaler's prefix, creates or deletes the
// difference, and waits for them when asked. Running it twice is a no-op.
// A wait that times out returns a *NotReadyError along with the result.
func (s *Scaler) Run(ctx context.Context, client kubernetes.Interface) (Result, error) {
	start := time.Now()
	res := Result{Plural: s.plural, Namespace: s.namespace, Prefix: s.opts.Prefix, Replicas: s.opts.Replicas, ReadyWord: s.readyWord}
	ctx, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	defer cancel()
	err := s.run(ctx, s.newObjects(client), &res)
	res.Took = time.Since(start)
	return res, err
}

func (s *Scaler) run(ctx context.Context, objs objects, res *Result) error {
	live, busy, err := s.existing(ctx, objs)
	if err != nil {
		return err
	}
	create, remove := plan(live, busy, s.opts.Replicas)
	if s.opts.GrowOnly {
		remove = nil
	}
	if err := s.beforeCreate(ctx, objs, create); err != nil {
		return err
	}
	if res.Created, err = s.apply(ctx, "creating", create, objs.create); err != nil {
		return err
	}
	del := func(ctx context.Context, i int) error { return objs.remove(ctx, objectName(s.opts.Prefix, i)) }
	if res.Deleted, err = s.apply(ctx, "deleting", remove, del); err != nil {
		return err
	}
	if !s.opts.Wait || s.opts.Replicas == 0 {
		return nil
	}
	res.Waited = true
	return s.wait(ctx, objs, res)
}

// beforeCreate checks, when there are objects to create, that what they need
// exists and that the template renders them all.
func (s *Scaler) beforeCreate(ctx context.Context, objs objects, create []int) error {
	if len(create) == 0 {
		return nil
	}
	if err := objs.preflight(ctx); err != nil {
		return err
	}
	return s.checkTemplate(ctx, objs, create)
}

// selector matches the objects of the scaler's prefix.
func (s *Scaler) selector() string {
	return labels.Set{LabelScale: s.opts.Prefix}.String()
}

// existing pages through the prefix's objects and returns the indices of
// live ones and of ones being deleted.
func (s *Scaler) existing(ctx context.Context, objs objects) (live, busy []int, err error) {
	o := metav1.ListOptions{LabelSelector: s.selector(), Limit: listPageSize}
	for {
		metas, cont, err := objs.list(ctx, o)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot list %s with label %s (is the cluster up? `kmctl get clusters`): %w", s.plural, s.selector(), err)
		}
		for _, m := range metas {
			i, ok := parseIndex(s.opts.Prefix, m.Name)
			switch {
			case !ok:
			case m.DeletionTimestamp != nil:
				busy = append(busy, i)
			default:
				live = append(live, i)
			}
		}
		if cont == "" {
			return live, busy, nil
		}
		o.Continue = cont
	}
}

// apply runs do for every index with a progress bar.
func (s *Scaler) apply(ctx context.Context, verb string, indices []int, do func(context.Context, int) error) (int, error) {
	if len(indices) == 0 {
		return 0, nil
	}
	bar := newProgress(s.opts.Progress, len(indices), verb+" "+s.plural)
	done, err := newPool(s.opts.Parallel, bar.add).paced(s.opts.Rate).run(ctx, indices, do)
	bar.done(err == nil)
	if err != nil {
		return done, s.interrupted(ctx, fmt.Sprintf("%s %s (%d of %d done)", verb, s.plural, done, len(indices)), err)
	}
	return done, nil
}

// interrupted explains an error that stopped the run while doing what.
func (s *Scaler) interrupted(ctx context.Context, what string, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("timed out after %s while %s; raise --timeout and run the same command again to finish", s.opts.Timeout, what)
	case errors.Is(ctx.Err(), context.Canceled):
		return fmt.Errorf("interrupted while %s; run the same command again to finish", what)
	}
	return fmt.Errorf("stopped while %s: %w\nfix the cause and run the same command again to finish", what, err)
}

// wait watches the prefix's objects until Replicas are ready or ctx ends.
func (s *Scaler) wait(ctx context.Context, objs objects, res *Result) error {
	lw, example := objs.listWatch(s.selector())
	bar := newProgress(s.opts.Progress, s.opts.Replicas, fmt.Sprintf("waiting for %s %s", s.plural, s.readyWord))
	ready, pending, err := waitReady(ctx, lw, example, objs.ready, s.opts.Replicas, bar.set)
	bar.done(err == nil)
	res.Ready = ready
	if err == nil {
		return nil
	}
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return s.interrupted(ctx, fmt.Sprintf("waiting for %s to be %s (%d of %d are)", s.plural, s.readyWord, ready, s.opts.Replicas), err)
	}
	lookup, cancel := context.WithTimeout(context.WithoutCancel(ctx), reasonLookupTimeout)
	defer cancel()
	res.NotReady = objs.notReady(lookup, pending, hints{simulator: s.simulator})
	if missing := s.opts.Replicas - ready - len(pending); missing > 0 {
		res.NotReady = append(res.NotReady, Reason{Count: missing, Message: "missing: deleted while waiting"})
	}
	return &NotReadyError{
		Plural: s.plural, ReadyWord: s.readyWord, NotReady: s.opts.Replicas - ready, Want: s.opts.Replicas,
		After: s.opts.Timeout, Reasons: res.NotReady,
	}
}
