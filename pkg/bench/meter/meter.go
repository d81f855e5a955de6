package meter

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/kmctl/kmctl/pkg/cluster"
)

// DefaultSampleInterval is how often the counters are read unless told
// otherwise; it is also the benchmark's default --sample-interval.
const DefaultSampleInterval = 10 * time.Second

// PodMeter measures the scheduler and the simulator while a user's own pods
// are scheduled and started, from the same counters the benchmark's pod
// steps read: the scheduler's and the simulator's /metrics, sampled
// directly, before, during and after the work.
type PodMeter struct {
	scr   *Scraper
	every time.Duration
}

// NewPodMeter reads the metrics ports of a kmctl cluster, sampling every
// interval (DefaultSampleInterval when 0).
func NewPodMeter(cfg *cluster.Config, every time.Duration) *PodMeter {
	if every <= 0 {
		every = DefaultSampleInterval
	}
	return &PodMeter{scr: NewScraper(cfg), every: every}
}

// Measure runs work, which scales pods and waits for them, and summarizes
// what the scheduler and the simulator did meanwhile: Pods is the pods the
// scheduler bound, Took the time from the first sample to the last. A sample
// that cannot be read is skipped and passed to warn; the summary is not
// Sampled when fewer than two were read.
func (m *PodMeter) Measure(ctx context.Context, warn func(error), work func() error) (PodStep, error) {
	snaps, err := m.scr.SampleDuring(ctx, m.every, warn, work)
	var took time.Duration
	if len(snaps) > 1 {
		took = snaps[len(snaps)-1].at.Sub(snaps[0].at)
	}
	ps := Summarize("pods", 0, took, snaps)
	ps.Pods = int(boundIn(ps.Rates))
	return ps, err
}

// WriteSummary prints what a measured pod step says about the scheduler and
// the simulator, a line per figure, or nothing when no pod was bound.
func (m *PodMeter) WriteSummary(w io.Writer, ps PodStep) {
	if !ps.Sampled {
		fmt.Fprintln(w, "scheduler figures: not sampled, the scheduler's or the simulator's /metrics could not be read")
		return
	}
	bound := boundIn(ps.Rates)
	if bound == 0 {
		return
	}
	fmt.Fprintf(w, "scheduler: %.0f pods bound in %s, %s pods/s; scheduling attempt p50 / p99 %s / %s\n",
		bound, FmtDuration(ps.Took), FmtRate(ps.Throughput), FmtSeconds(ps.Attempts.P50), FmtSeconds(ps.Attempts.P99))
	fmt.Fprintf(w, "pod startup p50 / p99: %s from creation, %s from binding\n",
		FmtQuantiles(ps.Startup), FmtQuantiles(ps.BoundToRunning))
	fmt.Fprintf(w, "Running rate / binding rate, every %s: %s\n", FmtDuration(m.every), ratesSummary(ps.Rates))
}

// boundIn is the pods the scheduler bound over all the intervals.
func boundIn(r Rates) float64 {
	var n float64
	for _, iv := range r.Intervals {
		n += iv.Bound
	}
	return n
}

// ratesSummary says how the Running rate kept up with the binding rate, in
// the words of the benchmark's row, with the largest backlog.
func ratesSummary(r Rates) string {
	s := RunningResult(r)
	if r.Worst >= 0 {
		s += fmt.Sprintf(" %.0f%%", 100*r.Threshold)
	}
	if r.MaxBacklog > 0 {
		s += fmt.Sprintf("; at most %.0f pods bound and not yet Running (%.0f of them in the simulator, %.0f queued for a worker); status writes %s at worst (mean of an interval)",
			r.MaxBacklog, r.MaxInSimulator, r.MaxQueued, FmtSeconds(r.MaxWriteLatency.Seconds()))
	}
	return s
}
