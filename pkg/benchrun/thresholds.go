package benchrun

import (
	"fmt"
	"math"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/workload"
)

// MetricThroughput names the scheduling throughput in thresholds, as
// scheduler_perf's SchedulingThroughput.
const MetricThroughput = "SchedulingThroughput"

// evaluateThresholds holds every threshold against each measured op it
// applies to; an op that did not run (the run stopped early) is left out.
func evaluateThresholds(w *workload.Workload, ops []benchresult.Op) []benchresult.ThresholdResult {
	var out []benchresult.ThresholdResult
	for _, th := range w.Thresholds {
		for _, op := range ops {
			if op.Metrics == nil || (th.Op != "" && th.Op != op.Name) {
				continue
			}
			v := figure(op.Metrics, th.Metric, th.Stat)
			out = append(out, benchresult.ThresholdResult{
				Op: op.Name, Metric: th.Metric, Stat: th.Stat, Min: th.Min, Max: th.Max,
				Value: v, Passed: within(v, th.Min, th.Max),
			})
		}
	}
	return out
}

// figure is one statistic of one measured figure (NaN when unknown).
func figure(m *benchresult.Metrics, metric, stat string) float64 {
	if metric == MetricThroughput {
		t := m.SchedulingThroughput
		return pick(stat, map[string]float64{"Average": t.Average, "Perc50": t.Perc50, "Perc90": t.Perc90, "Perc95": t.Perc95, "Perc99": t.Perc99, "Max": t.Max})
	}
	q, ok := m.Startup[metric]
	if !ok {
		return math.NaN()
	}
	return pick(stat, map[string]float64{"Perc50": q.Perc50, "Perc90": q.Perc90, "Perc99": q.Perc99, "Max": q.Max})
}

func pick(stat string, values map[string]float64) float64 {
	if v, ok := values[stat]; ok {
		return v
	}
	return math.NaN()
}

func within(v float64, lo, hi *float64) bool {
	if math.IsNaN(v) {
		return false
	}
	return (lo == nil || v >= *lo) && (hi == nil || v <= *hi)
}

// failedThresholds are the thresholds a result missed.
func failedThresholds(res *benchresult.Result) []benchresult.ThresholdResult {
	var out []benchresult.ThresholdResult
	for _, t := range res.Thresholds {
		if !t.Passed {
			out = append(out, t)
		}
	}
	return out
}

// describeThreshold says what a threshold asked and what was measured.
func describeThreshold(t benchresult.ThresholdResult) string {
	want := ""
	if t.Min != nil {
		want = fmt.Sprintf(">= %g", *t.Min)
	}
	if t.Max != nil {
		if want != "" {
			want += " and "
		}
		want += fmt.Sprintf("<= %g", *t.Max)
	}
	return fmt.Sprintf("%s %s of op %s: %.4g, want %s", t.Metric, t.Stat, t.Op, t.Value, want)
}
