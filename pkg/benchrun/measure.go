package benchrun

import (
	"context"
	"errors"
	"runtime/pprof"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/labels"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/metrics"
	"github.com/kmctl/kmctl/pkg/scale"
	"github.com/kmctl/kmctl/pkg/stats"
	"github.com/kmctl/kmctl/pkg/workload"
)

// sampleEvery is the timeline's resolution, and the throughput window.
const sampleEvery = time.Second

// measuringLabel marks the goroutines that measure (pod watch, scrapes,
// sampling), so that a profile of kmctl itself tells their CPU apart from
// the workload's writes.
var measuringLabel = pprof.Labels("kmctl", "measure")

// measurement is what is read around and during one measured op.
type measurement struct {
	r     *run
	sel   podSelection
	start time.Time
	// sched0 and api0 are the pages read as the op started.
	sched0, api0 metrics.Families
	procs        *procSampler
	profiling    *profiling
	name         string
	// span is set for a startCollectingMetrics span.
	span     bool
	mu       sync.Mutex
	timeline []benchresult.Sample
	stop     context.CancelFunc
	done     sync.WaitGroup
}

// measured runs op i between two readings of everything, sampling the
// timeline meanwhile.
func (r *run) measured(ctx context.Context, i int) (*benchresult.Metrics, int, error) {
	m, err := r.beginMeasure(ctx, i)
	if err != nil {
		return nil, 0, err
	}
	pods, opErr := r.do(ctx, i)
	met, endErr := m.end(ctx)
	return met, pods, errors.Join(opErr, endErr)
}

// selectionOf is the pods a measured op is about: a createPods op's own
// pods, else every pod of the run.
func (r *run) selectionOf(i int) podSelection {
	op := r.w.Ops[i]
	if op.Op == workload.OpCreatePods {
		return podSelection{namespaces: []string{namespaceOf(op)}, selector: labels.SelectorFromSet(labels.Set{scale.LabelScale: r.prefixOf(i)})}
	}
	return podSelection{selector: labels.SelectorFromSet(labels.Set{LabelRun: r.id})}
}

func (r *run) beginMeasure(ctx context.Context, i int) (*measurement, error) {
	m := &measurement{r: r, sel: r.selectionOf(i), name: r.w.OpName(i)}
	var err error
	pprof.Do(ctx, measuringLabel, func(ctx context.Context) {
		if m.sched0, err = r.scr.schedulerMetrics(ctx); err != nil {
			return
		}
		if m.api0, err = r.scr.apiserverMetrics(ctx); err != nil {
			return
		}
		m.procs = newProcSampler(ctx, r.meter)
	})
	if err != nil {
		return nil, err
	}
	if r.fetch != nil {
		m.profiling = startProfiling(ctx, r.fetch, r.o.Profile)
	}
	m.start = time.Now()
	r.self.start()
	sctx, cancel := context.WithCancel(ctx)
	m.stop = cancel
	m.done.Add(1)
	go pprof.Do(sctx, measuringLabel, func(ctx context.Context) {
		defer m.done.Done()
		m.sample(ctx)
	})
	return m, nil
}

// sample appends one timeline sample a second until ctx ends.
func (m *measurement) sample(ctx context.Context) {
	tick := time.NewTicker(sampleEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			m.add(ctx, now)
		}
	}
}

func (m *measurement) add(ctx context.Context, now time.Time) {
	bound, running := m.r.clock.counts()
	s := benchresult.Sample{Seconds: now.Sub(m.start).Seconds(), Bound: bound, Running: running, CPU: m.procs.sample(ctx)}
	if fams, err := m.r.scr.schedulerPending(ctx); err == nil {
		s.Pending = fams.CountersBy(metricPending, nil, "queue")
	}
	m.mu.Lock()
	m.timeline = append(m.timeline, s)
	m.mu.Unlock()
}

// end stops the sampling and reads everything again.
func (m *measurement) end(ctx context.Context) (*benchresult.Metrics, error) {
	end := time.Now()
	m.stop()
	m.done.Wait()
	m.r.addMeasuringCost(m.name)
	if m.profiling != nil {
		profiles, err := m.profiling.stop(m.r.dir, m.name)
		m.r.res.Profiles = append(m.r.res.Profiles, profiles...)
		if err != nil {
			m.r.env.Log.Infof("WARNING: %v", err)
		}
	}
	var met *benchresult.Metrics
	var err error
	pprof.Do(context.WithoutCancel(ctx), measuringLabel, func(ctx context.Context) {
		met, err = m.collect(ctx, end)
	})
	return met, err
}

func (m *measurement) collect(ctx context.Context, end time.Time) (*benchresult.Metrics, error) {
	sched, err := m.r.scr.schedulerMetrics(ctx)
	if err != nil {
		return nil, err
	}
	api, err := m.r.scr.apiserverMetrics(ctx)
	if err != nil {
		return nil, err
	}
	met := &benchresult.Metrics{
		Started: m.start, Seconds: end.Sub(m.start).Seconds(),
		SchedulingThroughput: m.throughput(end),
		Scheduler:            schedulerDelta(m.sched0, sched),
		APIServer:            apiserverDelta(m.api0, api),
		Usage:                m.procs.usage(ctx),
		Timeline:             m.timeline,
		WatchRelists:         m.r.clock.relistsIn(m.start, end),
	}
	m.r.pendingStartup = append(m.r.pendingStartup, pendingStartup{metrics: met, sel: m.sel, start: m.start, end: end, byBinding: m.span})
	return met, nil
}

// throughput counts the selected pods' bindings in 1 s windows.
func (m *measurement) throughput(end time.Time) benchresult.Throughput {
	var events []time.Time
	m.r.clock.each(func(t *podTimes) {
		if !t.bound.IsZero() && !t.bound.Before(m.start) && !t.bound.After(end) && m.sel.matches(t) {
			events = append(events, t.bound)
		}
	})
	return stats.Throughput(events, m.start, end, sampleEvery)
}
