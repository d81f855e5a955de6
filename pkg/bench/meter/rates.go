package meter

import "time"

// Sample is one reading of the cumulative counters during a pod step.
type Sample struct {
	// At is the time since the step started.
	At time.Duration
	// Scheduled counts the scheduler's bindings, Started the pods the
	// simulator moved to Running; both since the component started.
	Scheduled, Started float64
	// Seen counts the bound pods the simulator has received waiting to run.
	Seen float64
	// Queued is the depth of the simulator's pod queue: pods waiting for a
	// worker, not for the apiserver.
	Queued float64
	// WriteSeconds and Writes are the simulator's pod status writes since it
	// started: their summed latency and their count.
	WriteSeconds, Writes float64
}

// Interval is what happened between two samples.
type Interval struct {
	From, To time.Duration
	// Bound and Started are the pods bound and started in the interval.
	Bound, Started float64
	// BindRate and RunRate are per second.
	BindRate, RunRate float64
	// Backlog is the pods bound but not yet Running at To, counted from the
	// first sample.
	Backlog float64
	// InSimulator is the part of the backlog the simulator has received and
	// not yet started; the rest is still on its way from the apiserver.
	InSimulator float64
	// Queued is the simulator's pod queue at To.
	Queued float64
	// WriteLatency is the mean latency of the simulator's pod status writes
	// answered in the interval (0 when none was).
	WriteLatency time.Duration
	// Comparable is set when enough pods were bound for the ratio to mean
	// something.
	Comparable bool
}

// Ratio is the Running rate over the binding rate (0 when nothing was bound).
func (iv Interval) Ratio() float64 {
	if iv.BindRate <= 0 {
		return 0
	}
	return iv.RunRate / iv.BindRate
}

// Rates is the rate analysis of one pod step.
type Rates struct {
	Intervals []Interval
	// Threshold is the least acceptable Running/binding ratio (0.8).
	Threshold float64
	// Worst is the index of the comparable interval with the lowest ratio,
	// -1 when none is comparable.
	Worst int
	// Below counts the comparable intervals under Threshold.
	Below int
	// MaxBacklog is the most pods bound but not Running at any sample, and
	// MaxInSimulator the most the simulator held at any sample.
	MaxBacklog     float64
	MaxBacklogAt   time.Duration
	MaxInSimulator float64
	MaxQueued      float64
	// MaxWriteLatency is the longest mean status write latency of an interval.
	MaxWriteLatency time.Duration
}

// RunningThreshold is the requirement: the pods' Running rate stays
// within 20% of the scheduler's binding rate.
const RunningThreshold = 0.8

// minBound is the fewest bindings in an interval for its ratio to count:
// below it one pod's latency swings the ratio.
const minBound = 10

// AnalyzeRates turns cumulative samples (sorted by time) into per-interval
// rates, the worst Running/binding ratio and the largest backlog.
func AnalyzeRates(samples []Sample, threshold float64) Rates {
	r := Rates{Threshold: threshold, Worst: -1}
	if len(samples) == 0 {
		return r
	}
	first := samples[0]
	for i := 1; i < len(samples); i++ {
		iv := interval(samples[i-1], samples[i], first)
		r.Intervals = append(r.Intervals, iv)
		r.note(len(r.Intervals)-1, iv)
	}
	return r
}

// note folds one interval into the worst ratio and the largest backlog.
func (r *Rates) note(i int, iv Interval) {
	if iv.Backlog > r.MaxBacklog {
		r.MaxBacklog, r.MaxBacklogAt = iv.Backlog, iv.To
	}
	r.MaxInSimulator = max(r.MaxInSimulator, iv.InSimulator)
	r.MaxQueued = max(r.MaxQueued, iv.Queued)
	r.MaxWriteLatency = max(r.MaxWriteLatency, iv.WriteLatency)
	if !iv.Comparable {
		return
	}
	if iv.Ratio() < r.Threshold {
		r.Below++
	}
	if r.Worst < 0 || iv.Ratio() < r.Intervals[r.Worst].Ratio() {
		r.Worst = i
	}
}

// interval computes the rates between a and b and the backlog at b.
func interval(a, b, first Sample) Interval {
	iv := Interval{From: a.At, To: b.At}
	iv.Bound = CounterDelta(a.Scheduled, b.Scheduled)
	iv.Started = CounterDelta(a.Started, b.Started)
	if secs := (b.At - a.At).Seconds(); secs > 0 {
		iv.BindRate, iv.RunRate = iv.Bound/secs, iv.Started/secs
	}
	iv.Backlog = (b.Scheduled - first.Scheduled) - (b.Started - first.Started)
	if iv.Backlog < 0 {
		iv.Backlog = 0
	}
	iv.InSimulator = (b.Seen - first.Seen) - (b.Started - first.Started)
	iv.InSimulator = min(max(iv.InSimulator, 0), iv.Backlog)
	iv.Queued = b.Queued
	if writes := CounterDelta(a.Writes, b.Writes); writes > 0 {
		secs := CounterDelta(a.WriteSeconds, b.WriteSeconds)
		iv.WriteLatency = time.Duration(secs / writes * float64(time.Second))
	}
	iv.Comparable = iv.Bound >= minBound
	return iv
}

// CounterDelta is b-a, or b when the counter went down (the process restarted).
func CounterDelta(a, b float64) float64 {
	if b < a {
		return b
	}
	return b - a
}
