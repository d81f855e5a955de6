package bench

import (
	"context"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/scale"
)

// podNamespace is where the pod steps scale pods.
const podNamespace = metav1.NamespaceDefault

// step is one named part of the experiment.
type step struct {
	name string
	run  func(context.Context) error
}

// steps are the experiment, in order.
func (r *runner) steps() []step {
	steps := []step{{"ceiling", r.ceiling},
		{"nodes", func(ctx context.Context) error {
			return r.scaleNodes(ctx, "nodes", r.o.Nodes, report.BudgetNodes, report.BudgetAllNodes)
		}},
		{"pods", func(ctx context.Context) error {
			return r.scalePods(ctx, "pods", r.o.Pods, r.o.PodWriters, report.BudgetPods)
		}},
		{"delete pods", r.deletePods},
	}
	if r.o.Backlog > 0 {
		steps = append(steps, step{"backlog", r.backlog})
	}
	if !r.o.SkipBig {
		steps = append(steps,
			step{"big nodes", func(ctx context.Context) error {
				return r.scaleNodes(ctx, "big nodes", r.o.BigNodes, report.BudgetBigNodes)
			}},
			step{"big pods", func(ctx context.Context) error {
				return r.scalePods(ctx, "big pods", r.o.BigPods, r.o.BigPodWriters, report.BudgetBigPods)
			}},
		)
	}
	return append(steps, step{"idle", r.idle})
}

// ceiling measures the apiserver's own rates on the empty cluster.
func (r *runner) ceiling(ctx context.Context) error {
	if r.o.CeilingObjects == 0 {
		return nil
	}
	r.env.Log.Infof("Measuring the apiserver's ceiling with %d pods from %d writers", r.o.CeilingObjects, r.o.Writers)
	c, err := measureCeiling(ctx, r.client, r.o.CeilingObjects, r.o.Writers)
	if err != nil {
		return stepErr(ctx, "ceiling", err)
	}
	r.rep.Ceiling = c
	r.emit(report.CeilingRows(c)...)
	return nil
}

// scaleNodes scales nodes to n and times until all are Ready, against the
// first of refs that applies (else the first).
func (r *runner) scaleNodes(ctx context.Context, step string, n int, refs ...report.Budget) error {
	r.env.Log.Infof("Scaling nodes from %d to %d", r.nodes, n)
	s, err := scale.NewNodeScaler(scale.NodeOptions{
		Options: r.scaleOptions(n, true),
		CPU:     "32", Memory: "256Gi", EphemeralStorage: "1Ti", Pods: podsPerNode,
	})
	if err != nil {
		return err
	}
	from := r.nodes
	res, err := s.Run(ctx, r.client)
	if err != nil {
		return stepErr(ctx, step, err)
	}
	r.nodes = n
	r.nodesTook += res.Took
	r.emit(report.NodeRows(step, from, n, res.Took, r.nodesTook, r.rep.Ceiling, refs)...)
	return nil
}

// scalePods scales pods to n with that many creates in flight and times
// until all are Running, sampling the scheduler's and the simulator's
// counters meanwhile.
func (r *runner) scalePods(ctx context.Context, step string, n, writers int, ref report.Budget) error {
	r.env.Log.Infof("Scaling pods to %d on %d nodes with %d writers", n, r.nodes, writers)
	s, err := r.podScaler(n, true, writers)
	if err != nil {
		return err
	}
	var res scale.Result
	warn := func(err error) { r.env.Log.Infof("warning: skipped a sample: %v", err) }
	snaps, err := r.scr.SampleDuring(ctx, r.o.SampleInterval, warn, func() error {
		var err error
		res, err = s.Run(ctx, r.client)
		return err
	})
	if err != nil {
		return stepErr(ctx, step, err)
	}
	r.pods = n
	ps := meter.Summarize(step, n, res.Took, snaps)
	r.rep.PodSteps = append(r.rep.PodSteps, ps)
	t := report.Timing{Step: fmt.Sprintf("%s: %d Running", step, n), Objects: n, Size: n, Nodes: r.nodes, Took: res.Took, Ref: ref, Cost: report.PodCost}
	r.emit(t.Row(r.rep.Ceiling))
	r.emit(report.PodStepRows(ps, r.rep.Ceiling)...)
	r.env.Printer.Intervals(ps)
	return nil
}

// deletePods scales pods to 0 and times until a list finds none.
func (r *runner) deletePods(ctx context.Context) error {
	n := r.pods
	took, err := r.removePods(ctx, "delete pods")
	if err != nil {
		return err
	}
	t := report.Timing{Step: fmt.Sprintf("delete pods: %d gone", n), Objects: n, Size: n, Nodes: r.nodes, Took: took, Ref: report.BudgetDelete, Cost: report.DeleteCost}
	r.emit(t.Row(r.rep.Ceiling))
	return nil
}

// removePods scales the pods to 0 and waits until a list finds none; it
// returns how long that took.
func (r *runner) removePods(ctx context.Context, step string) (time.Duration, error) {
	r.env.Log.Infof("Deleting %d pods", r.pods)
	s, err := r.podScaler(0, false, r.o.Writers)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if _, err := s.Run(ctx, r.client); err != nil {
		return 0, stepErr(ctx, step, err)
	}
	if err := r.waitPodsGone(ctx); err != nil {
		return 0, stepErr(ctx, step, err)
	}
	r.pods = 0
	return time.Since(start), nil
}

// waitPodsGone polls, one pod per list, until no pod of the scale prefix is left.
func (r *runner) waitPodsGone(ctx context.Context) error {
	sel := labels.Set{scale.LabelScale: scale.DefaultPodPrefix}.String()
	return poll(ctx, r.o.StepTimeout, func() (bool, error) {
		l, err := r.client.CoreV1().Pods(podNamespace).List(ctx, metav1.ListOptions{LabelSelector: sel, Limit: 1})
		if err != nil {
			return false, err
		}
		return len(l.Items) == 0, nil
	}, "the pods to be deleted")
}

// idle lets the cluster sit and measures each component's CPU and memory.
func (r *runner) idle(ctx context.Context) error {
	if r.o.Idle == 0 {
		return nil
	}
	if r.o.Settle > 0 {
		r.env.Log.Infof("Letting the cluster settle for %s after the last step", r.o.Settle)
		select {
		case <-ctx.Done():
			return stepErr(ctx, "idle", ctx.Err())
		case <-time.After(r.o.Settle):
		}
	}
	r.env.Log.Infof("Measuring the idle cost over %s", r.o.Idle)
	us, err := measureIdle(ctx, cluster.Dir(r.env.Home, r.o.Name), r.o.Idle)
	if err != nil {
		return stepErr(ctx, "idle", err)
	}
	idle := &report.Idle{For: r.o.Idle, Nodes: r.nodes, Pods: r.pods, Components: us, Total: controlPlaneCPU(us)}
	r.rep.Idle = idle
	r.emit(report.IdleRows(idle)...)
	r.env.Printer.Idle(idle)
	return nil
}

// stepErr explains why a step stopped: Ctrl-C, or an error of its own.
// pkg/scale words its errors for `kmctl scale`, whose --timeout is
// --step-timeout here.
func stepErr(ctx context.Context, step string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted during the %s step: %w", step, ctx.Err())
	}
	return fmt.Errorf("the %s step failed: %w", step, err)
}

// podScaler scales the default pod prefix to n pods of 100m CPU, with
// writers requests in flight.
func (r *runner) podScaler(n int, wait bool, writers int) (*scale.Scaler, error) {
	o := r.scaleOptions(n, wait)
	o.Parallel = writers
	return scale.NewPodScaler(scale.PodOptions{
		Options:   o,
		Namespace: podNamespace, CPU: "100m", Memory: "128Mi",
	})
}

// scaleOptions are the options both scalers share.
func (r *runner) scaleOptions(n int, wait bool) scale.Options {
	return scale.Options{Replicas: n, Wait: wait, Timeout: r.o.StepTimeout, Parallel: r.o.Writers, Progress: r.env.Progress}
}
