package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/bench/report"
)

// schedulerStartWait bounds the scheduler's restart in the backlog step.
const schedulerStartWait = 2 * time.Minute

// backlog is the second half of the headline experiment: with the scheduler
// stopped, create o.Backlog pods, then start the scheduler and time it
// binding them all, and the pods becoming Running, sampled as in the pod
// steps. The pods are deleted at the end, untimed.
func (r *runner) backlog(ctx context.Context) (err error) {
	n := r.o.Backlog
	r.env.Log.Infof("Creating %d pods with the scheduler stopped", n)
	if err := r.env.Clusters.StopComponent(ctx, r.o.Name, components.KubeScheduler); err != nil {
		return stepErr(ctx, "backlog", err)
	}
	defer func() {
		if err != nil && ctx.Err() == nil { // leave the cluster whole for --keep; a no-op if it runs
			_ = r.env.Clusters.StartComponent(ctx, r.o.Name, components.KubeScheduler, schedulerStartWait)
		}
	}()
	create, err := r.podScaler(n, false, r.o.Writers)
	if err != nil {
		return err
	}
	if _, err := create.Run(ctx, r.client); err != nil {
		return stepErr(ctx, "backlog", err)
	}
	r.pods = n
	ps, took, err := r.drain(ctx, n)
	if err != nil {
		return stepErr(ctx, "backlog", err)
	}
	r.rep.PodSteps = append(r.rep.PodSteps, ps)
	t := report.Timing{Step: fmt.Sprintf("backlog: %d Pending pods bound and Running", n), Objects: n, Size: n, Nodes: r.nodes, Took: took, Cost: report.BacklogCost}
	r.emit(t.Row(r.rep.Ceiling))
	r.emit(report.PodStepRows(ps, r.rep.Ceiling)...)
	r.env.Printer.Intervals(ps)
	_, err = r.removePods(ctx, "backlog") // untimed: the delete step times deletion
	return err
}

// drain starts the scheduler and waits until the n pods run, sampling the
// counters from before the start: the stopped scheduler's read as zero.
func (r *runner) drain(ctx context.Context, n int) (meter.PodStep, time.Duration, error) {
	wait, err := r.podScaler(n, true, r.o.PodWriters)
	if err != nil {
		return meter.PodStep{}, 0, err
	}
	warn := func(err error) { r.env.Log.Infof("warning: skipped a sample: %v", err) }
	var start time.Time
	snaps, err := r.scr.SampleDuring(ctx, r.o.SampleInterval, warn, func() error {
		r.env.Log.Infof("Starting the scheduler on a backlog of %d pods", n)
		start = time.Now()
		if err := r.env.Clusters.StartComponent(ctx, r.o.Name, components.KubeScheduler, schedulerStartWait); err != nil {
			return err
		}
		_, err := wait.Run(ctx, r.client)
		return err
	})
	took := time.Since(start)
	return meter.Summarize("backlog", n, took, snaps), took, err
}
