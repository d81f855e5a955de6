package benchrun

import (
	"context"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/kmctl/kmctl/pkg/scale"
	"github.com/kmctl/kmctl/pkg/workload"
)

// waitPoll is how often a wait on the pod watch looks again.
const waitPoll = 100 * time.Millisecond

// createPods creates the op's pods in its namespace and waits as the op
// says: until scheduled (the default, as scheduler_perf), Running, or not.
func (r *run) createPods(ctx context.Context, i int) (int, error) {
	op := r.w.Ops[i]
	ns := namespaceOf(op)
	if err := r.ensureNamespace(ctx, ns); err != nil {
		return 0, err
	}
	if err := r.checkPrefixFree(ctx, ns, r.prefixOf(i)); err != nil {
		return 0, err
	}
	wait := waitFor(op)
	s, err := r.podScaler(ctx, i, op.Count, wait == workload.UntilRunning)
	if err != nil {
		return 0, err
	}
	res, err := s.Run(ctx, r.client)
	if err != nil {
		return res.Created, err
	}
	if wait == workload.UntilScheduled {
		sel := podSelection{namespaces: []string{ns}, selector: labels.SelectorFromSet(labels.Set{scale.LabelScale: r.prefixOf(i)})}
		err = r.waitPods(ctx, sel, workload.UntilScheduled, op.Count)
	}
	return res.Created, err
}

// checkPrefixFree refuses a pod prefix that pods of another run (kept with
// --keep) or of kmctl scale hold in ns: kmctl scale would count them as the
// op's, and the run's watch, which sees its own pods only, would wait for
// them for ever.
func (r *run) checkPrefixFree(ctx context.Context, ns, prefix string) error {
	sel := fmt.Sprintf("%s=%s,%s!=%s", scale.LabelScale, prefix, LabelRun, r.id)
	l, err := r.client.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: sel, Limit: 1})
	if err != nil {
		return fmt.Errorf("cannot list pods in %s: %w", ns, err)
	}
	if len(l.Items) > 0 {
		return fmt.Errorf("pods named %s-<n> already exist in namespace %s (%s, not of this run: a run kept with --keep, or kmctl scale); delete them (`kmctl kubectl -- delete pods -n %s -l %s=%s`) or give the op another prefix",
			prefix, ns, l.Items[0].Name, ns, scale.LabelScale, prefix)
	}
	return nil
}

// waitFor is what a createPods op waits for.
func waitFor(op workload.Op) string {
	switch {
	case op.Unschedulable:
		return "none"
	case op.Wait != "":
		return op.Wait
	}
	return workload.UntilScheduled
}

// podScaler is kmctl scale pod for op i, with replicas pods.
func (r *run) podScaler(ctx context.Context, i, replicas int, wait bool) (*scale.Scaler, error) {
	common, err := r.scaleOptions(ctx, i, r.prefixOf(i), replicas, wait)
	if err != nil {
		return nil, err
	}
	return r.podScalerWith(i, common)
}

// podScalerWith is kmctl scale pod with op i's shape and the options given.
func (r *run) podScalerWith(i int, common scale.Options) (*scale.Scaler, error) {
	op := r.w.Ops[i]
	return scale.NewPodScaler(scale.PodOptions{
		Options: common, Namespace: namespaceOf(op), CPU: op.CPU, Memory: op.Memory, GPU: op.GPU,
		Resources: pairs(op.Resources), NodeSelector: pairs(op.NodeSelector), PriorityClass: op.PriorityClass,
	})
}

// podSelection picks pods of the watch: in namespaces (any when empty),
// matching selector.
type podSelection struct {
	namespaces []string
	selector   labels.Selector
}

func (s podSelection) matches(t *podTimes) bool {
	if len(s.namespaces) > 0 && !contains(s.namespaces, t.namespace) {
		return false
	}
	return s.selector.Matches(labels.Set(t.labels))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// waitPods waits until the selected pods that exist are all scheduled,
// Running or gone (until). atLeast, when set, is how many must have been
// seen first, so a wait right after the creates does not pass before the
// watch has delivered them.
func (r *run) waitPods(ctx context.Context, sel podSelection, until string, atLeast int) error {
	for {
		seen, left := r.podsLeft(sel, until)
		if seen >= atLeast && left == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			if seen < atLeast {
				return fmt.Errorf("the watch saw %d of the %d pods, %d of them not %s yet: %w", seen, atLeast, left, until, ctx.Err())
			}
			return fmt.Errorf("%d pods not %s yet: %w", left, until, ctx.Err())
		case <-time.After(waitPoll):
		}
	}
}

// podsLeft counts the selected pods seen and those not yet in state until.
func (r *run) podsLeft(sel podSelection, until string) (seen, left int) {
	r.clock.each(func(t *podTimes) {
		if !sel.matches(t) {
			return
		}
		seen++
		gone := !t.deleted.IsZero()
		switch until {
		case workload.UntilDeleted:
			if !gone {
				left++
			}
		case workload.UntilRunning:
			if !gone && t.running.IsZero() {
				left++
			}
		default:
			if !gone && t.bound.IsZero() {
				left++
			}
		}
	})
	return seen, left
}
