package meter

import (
	"github.com/kmctl/kmctl/pkg/metrics"

	"math"
	"testing"
	"time"
)

var inf = math.Inf(1)

func sec(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func TestAnalyzeRates(t *testing.T) {
	// Counters start where earlier steps left them (1000 and 990).
	samples := []Sample{
		{At: 0, Scheduled: 1000, Started: 990, Seen: 995, WriteSeconds: 10, Writes: 990},
		{At: sec(10), Scheduled: 3000, Started: 2890, Seen: 2900, WriteSeconds: 105, Writes: 2890},             // 200/s bound, 190/s started: 95%; writes 50 ms
		{At: sec(20), Scheduled: 5000, Started: 4390, Seen: 4485, Queued: 12, WriteSeconds: 855, Writes: 4390}, // 200/s vs 150/s: 75%, backlog 600, 90 in the simulator; writes 500 ms
		{At: sec(30), Scheduled: 6000, Started: 5990, WriteSeconds: 855, Writes: 4390},                         // 100/s vs 160/s: catching up; no write answered
		{At: sec(35), Scheduled: 6005, Started: 5995, WriteSeconds: 1, Writes: 4},                              // 5 bound: not comparable; the simulator restarted
		{At: sec(35), Scheduled: 6005, Started: 5995},                                                          // zero-length interval
	}
	r := AnalyzeRates(samples, RunningThreshold)
	if len(r.Intervals) != 5 {
		t.Fatalf("%d intervals, want 5", len(r.Intervals))
	}
	iv := r.Intervals[1]
	if iv.BindRate != 200 || iv.RunRate != 150 || iv.Backlog != 600 || iv.InSimulator != 90 || iv.Queued != 12 || !iv.Comparable {
		t.Errorf("interval 1 = %+v", iv)
	}
	if r.Worst != 1 || math.Abs(r.Intervals[r.Worst].Ratio()-0.75) > 1e-9 {
		t.Errorf("worst = %d, want interval 1 at 75%%", r.Worst)
	}
	if r.Below != 1 {
		t.Errorf("below = %d, want 1", r.Below)
	}
	if r.MaxBacklog != 600 || r.MaxBacklogAt != sec(20) || r.MaxInSimulator != 90 || r.MaxQueued != 12 {
		t.Errorf("max backlog %v at %v, want 600 at 20s", r.MaxBacklog, r.MaxBacklogAt)
	}
	wantLatency := []time.Duration{50 * time.Millisecond, 500 * time.Millisecond, 0, 250 * time.Millisecond, 0}
	for i, want := range wantLatency {
		if got := r.Intervals[i].WriteLatency; got.Round(time.Millisecond) != want {
			t.Errorf("interval %d: status write latency %v, want %v", i, got, want)
		}
	}
	if r.MaxWriteLatency.Round(time.Millisecond) != 500*time.Millisecond {
		t.Errorf("max status write latency %v, want 500ms", r.MaxWriteLatency)
	}
	if r.Intervals[3].Comparable || r.Intervals[4].Comparable || r.Intervals[4].BindRate != 0 {
		t.Errorf("small and empty intervals must not count: %+v %+v", r.Intervals[3], r.Intervals[4])
	}
}

func TestAnalyzeRatesEdges(t *testing.T) {
	if r := AnalyzeRates(nil, RunningThreshold); r.Worst != -1 || len(r.Intervals) != 0 {
		t.Errorf("no samples: %+v", r)
	}
	one := AnalyzeRates([]Sample{{At: 0, Scheduled: 5}}, RunningThreshold)
	if one.Worst != -1 || len(one.Intervals) != 0 {
		t.Errorf("one sample: %+v", one)
	}
	// The scheduler restarted: its counter went from 5000 to 300.
	reset := AnalyzeRates([]Sample{{At: 0, Scheduled: 5000, Started: 5000}, {At: sec(10), Scheduled: 300, Started: 5300}}, RunningThreshold)
	if iv := reset.Intervals[0]; iv.Bound != 300 || iv.Backlog != 0 {
		t.Errorf("after a reset: %+v", iv)
	}
}

func TestSummarize(t *testing.T) {
	t0 := time.Unix(100, 0)
	snaps := []Snapshot{
		{at: t0, counts: Sample{Scheduled: 10, Started: 10}, attempts: hist(0.001, 5, 0.01, 10, inf, 10),
			sinceCreated: hist(1, 100, 2, 100, inf, 100)},
		{at: t0.Add(10 * time.Second), counts: Sample{Scheduled: 1010, Started: 1000}},
		{at: t0.Add(20 * time.Second), counts: Sample{Scheduled: 2010, Started: 2010}, attempts: hist(0.001, 1005, 0.01, 2010, inf, 2010),
			sinceCreated: hist(1, 1100, 2, 2100, inf, 2100)},
	}
	ps := Summarize("pods", 2000, 21*time.Second, snaps)
	if !ps.Sampled || ps.Throughput != 100 || len(ps.Rates.Intervals) != 2 {
		t.Fatalf("Summarize = %+v", ps)
	}
	if iv := ps.Rates.Intervals[1]; iv.From != 10*time.Second || iv.To != 20*time.Second || iv.Started != 1010 {
		t.Errorf("interval 1 = %+v, want 10s-20s with 1010 started", iv)
	}
	// 2000 attempts: 1000 under 1ms, 1000 between 1 and 10 ms.
	if q := ps.Attempts; math.Abs(q.P50-0.001) > 1e-9 || math.Abs(q.P99-(0.001+0.009*0.98)) > 1e-9 {
		t.Errorf("p50 %v, p99 %v", q.P50, q.P99)
	}
	// 2000 pods started in the step: 1000 within 1 s of their creation,
	// 1000 between 1 and 2 s; none timed from a binding.
	if q := ps.Startup; math.Abs(q.P50-1) > 1e-9 || math.Abs(q.P99-1.98) > 1e-9 {
		t.Errorf("startup %+v, want p50 1 s and p99 1.98 s", q)
	}
	if got := FmtQuantiles(ps.BoundToRunning); got != "n/a" {
		t.Errorf("bound to Running with no observations = %q, want n/a", got)
	}
	if ps := Summarize("pods", 1, time.Second, snaps[:1]); ps.Sampled {
		t.Error("one snapshot cannot be summarized")
	}
}

// hist builds a histogram from upper bound, count pairs.
func hist(pairs ...float64) metrics.Histogram {
	h := make(metrics.Histogram, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		h = append(h, metrics.Bucket{UpperBound: pairs[i], Count: pairs[i+1]})
	}
	return h
}
