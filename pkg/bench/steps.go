package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/workload"
)

// ceiling measures the apiserver's own rates on the empty cluster.
func (r *runner) ceiling(ctx context.Context) error {
	if r.o.CeilingObjects == 0 {
		return nil
	}
	r.env.Log.Infof("Measuring the apiserver's ceiling with %d pods from %d writers", r.o.CeilingObjects, r.o.Writers)
	before := r.read(ctx)
	c, err := measureCeiling(ctx, r.client, r.o.CeilingObjects, r.o.Writers)
	r.endStep("ceiling", before, r.read(ctx))
	if err != nil {
		return stepErr(ctx, "ceiling", err)
	}
	r.rep.Ceiling = c
	r.emit(report.CeilingRows(c)...)
	return nil
}

// opRows turns the ops of the pieces that the budget has targets for into
// rows; the others (a piece's createNodes of nodes that exist, stopping
// and starting the scheduler) show only their CPU and heartbeats.
func (r *runner) opRows(piece string, op workload.Op, rec benchresult.Op, took time.Duration, snaps []meter.Snapshot, before, after stepReadings) {
	switch {
	case piece == "KmctlBudget" && rec.Name == "nodes":
		r.nodeStep("nodes", op.Count, took, report.BudgetNodes, report.BudgetAllNodes)
	case piece == "KmctlBudgetBig" && rec.Name == "big-nodes":
		r.nodeStep("big nodes", op.Count, took, report.BudgetBigNodes)
	case piece == "KmctlBudget" && rec.Name == "pods":
		r.podStep("pods", op.Count, measuredTook(rec, took), snaps, report.BudgetPods)
	case piece == "KmctlBudgetBig" && rec.Name == "big-pods":
		r.podStep("big pods", op.Count, measuredTook(rec, took), snaps, report.BudgetBigPods)
	case piece == "KmctlBudget" && rec.Name == "delete-pods":
		t := report.Timing{Step: fmt.Sprintf("delete pods: %d gone", r.pods), Objects: r.pods, Size: r.pods, Nodes: r.nodes, Took: took, Ref: report.BudgetDelete, Cost: report.DeleteCost}
		r.emit(t.Row(r.rep.Ceiling))
		r.pods = 0
	case piece == "KmctlBudgetBacklog" && rec.Name == "backlog":
		r.pods = op.Count
	case piece == "KmctlBudgetBacklog" && op.Op == workload.OpStopCollecting:
		r.backlogStep(took, snaps)
	case piece == "KmctlBudgetBacklog" && op.Op == workload.OpDeletePods:
		r.pods = 0
	case piece == "KmctlBudgetIdle" && rec.Name == "idle":
		r.idleStep(took, before, after)
	}
}

// measuredTook is a measured op's own span (without the readings around
// it), else the op's time.
func measuredTook(rec benchresult.Op, took time.Duration) time.Duration {
	if rec.Metrics != nil && rec.Metrics.Seconds > 0 {
		return time.Duration(rec.Metrics.Seconds * float64(time.Second))
	}
	return took
}

// nodeStep reports a node step to n nodes, against the first of refs that
// applies (else the first).
func (r *runner) nodeStep(step string, n int, took time.Duration, refs ...report.Budget) {
	from := r.nodes
	r.nodes = n
	r.nodesTook += took
	r.emit(report.NodeRows(step, from, n, took, r.nodesTook, r.rep.Ceiling, refs)...)
}

// podStep reports a pod step of n pods Running in took, with what the
// scheduler's and the simulator's counters said meanwhile.
func (r *runner) podStep(step string, n int, took time.Duration, snaps []meter.Snapshot, ref report.Budget) {
	r.pods = n
	ps := meter.Summarize(step, n, took, snaps)
	r.rep.PodSteps = append(r.rep.PodSteps, ps)
	t := report.Timing{Step: fmt.Sprintf("%s: %d Running", step, n), Objects: n, Size: n, Nodes: r.nodes, Took: took, Ref: ref, Cost: report.PodCost}
	r.emit(t.Row(r.rep.Ceiling))
	r.emit(report.PodStepRows(ps, r.rep.Ceiling)...)
	r.env.Printer.Intervals(ps)
}

// backlogStep reports the scheduler draining the backlog: from its start
// until every pod is Running.
func (r *runner) backlogStep(took time.Duration, snaps []meter.Snapshot) {
	n := r.pods
	ps := meter.Summarize("backlog", n, took, snaps)
	r.rep.PodSteps = append(r.rep.PodSteps, ps)
	t := report.Timing{Step: fmt.Sprintf("backlog: %d Pending pods bound and Running", n), Objects: n, Size: n, Nodes: r.nodes, Took: took, Cost: report.BacklogCost}
	r.emit(t.Row(r.rep.Ceiling))
	r.emit(report.PodStepRows(ps, r.rep.Ceiling)...)
	r.env.Printer.Intervals(ps)
}

// idleStep reports each component's CPU and memory over the idle op.
func (r *runner) idleStep(took time.Duration, before, after stepReadings) {
	us := make([]report.Usage, 0, len(report.IdleComponents))
	for _, name := range report.IdleComponents {
		us = append(us, usage(name, before.cpu[name], after.cpu[name]))
	}
	idle := &report.Idle{For: took, Nodes: r.nodes, Pods: r.pods, Components: us, Total: controlPlaneCPU(us)}
	r.rep.Idle = idle
	r.emit(report.IdleRows(idle)...)
	r.env.Printer.Idle(idle)
}

// stepErr explains why a step stopped: Ctrl-C, or an error of its own.
func stepErr(ctx context.Context, step string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted during the %s step: %w", step, ctx.Err())
	}
	return fmt.Errorf("the %s step failed: %w", step, err)
}
