package bench

import (
	"context"
	"time"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/workload"
)

// observer takes the budget's own readings around every op of a piece:
// each process's CPU, the apiserver's dropped watchers, the simulator's
// leases and the nodes' NotReady transitions, and while pods start the
// scheduler's and the simulator's counters, and turns the ops the budget
// has targets for into rows.
type observer struct {
	r     *runner
	piece string
	op    workload.Op
	// before are the readings as the op started.
	before  stepReadings
	started time.Time
	// sampling reads the counters during a measured pod op; span during a
	// startCollectingMetrics span, from spanStarted.
	sampling, span *meter.Sampling
	spanStarted    time.Time
}

// stepReadings are what is read at both ends of a step.
type stepReadings struct {
	cpu     map[string]procReading
	watches map[string]float64
	leases  meter.LeaseReading
}

func (o *observer) OpStarted(ctx context.Context, _ int, op workload.Op) {
	o.op, o.before, o.started = op, o.r.read(ctx), time.Now()
	switch {
	case op.Op == workload.OpCreatePods && op.CollectMetrics:
		o.sampling = o.r.startSampling(ctx)
	case op.Op == workload.OpStartCollecting:
		// The span outlives this op, whose context ends with it; close
		// stops it if the run ends first.
		o.span, o.spanStarted = o.r.startSampling(context.WithoutCancel(ctx)), time.Now()
	}
}

func (o *observer) OpEnded(ctx context.Context, _ int, rec benchresult.Op, err error) {
	took := time.Since(o.started)
	var snaps []meter.Snapshot
	switch {
	case o.sampling != nil:
		snaps, o.sampling = o.sampling.Stop(), nil
	case o.op.Op == workload.OpStopCollecting && o.span != nil:
		snaps, o.span = o.span.Stop(), nil
		took = time.Since(o.spanStarted)
	}
	after := o.r.read(ctx)
	o.r.endStep(rec.Name, o.before, after)
	if err == nil {
		o.r.opRows(o.piece, o.op, rec, took, snaps, o.before, after)
	}
}

// read takes a step's readings; one that fails is shown as "?" and does
// not stop the run.
func (r *runner) read(ctx context.Context) stepReadings {
	r.scr.TakeOldestLease() // the step's own oldest lease starts here
	return stepReadings{cpu: cpuSnapshot(cluster.Dir(r.env.Home, r.o.Name)), watches: r.droppedWatchers(ctx), leases: r.leases(ctx)}
}

// endStep reports what a step cost and how the heartbeats went meanwhile.
func (r *runner) endStep(step string, before, after stepReadings) {
	sc := stepCPU(step, before.cpu, after.cpu)
	sc.Dropped = watcherDelta(before.watches, after.watches)
	r.rep.StepCPU = append(r.rep.StepCPU, sc)
	r.env.Printer.CPU(sc)
	hb := stepHeartbeats(step, before.leases, after.leases, r.scr.TakeOldestLease())
	hb.NotReady = r.health.take()
	r.rep.Heartbeats = append(r.rep.Heartbeats, hb)
	r.env.Printer.Heartbeats(hb)
}

// close stops a span the run left open (it stopped on an error).
func (o *observer) close() {
	if o.span != nil {
		o.span.Stop()
		o.span = nil
	}
}

func (r *runner) startSampling(ctx context.Context) *meter.Sampling {
	warn := func(err error) { r.env.Log.Infof("warning: skipped a sample: %v", err) }
	return r.scr.Start(ctx, r.o.SampleInterval, warn)
}
