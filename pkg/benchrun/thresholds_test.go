package benchrun

import (
	"math"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/workload"
)

func TestEvaluateThresholds(t *testing.T) {
	lo, hi := 300.0, 2.0
	w := &workload.Workload{Thresholds: []workload.Threshold{
		{Metric: MetricThroughput, Stat: "Average", Min: &lo},
		{Metric: PhaseStartup, Stat: "Perc99", Max: &hi, Op: "b"},
	}}
	ops := []benchresult.Op{
		{Name: "setup"},
		{Name: "a", Metrics: &benchresult.Metrics{SchedulingThroughput: benchresult.Throughput{Average: 350}}},
		{Name: "b", Metrics: &benchresult.Metrics{SchedulingThroughput: benchresult.Throughput{Average: 120},
			Startup: map[string]benchresult.Quantiles{PhaseStartup: {Perc99: 2.5}}}},
	}
	got := evaluateThresholds(w, ops)
	if len(got) != 3 {
		t.Fatalf("results = %+v, want throughput on a and b, startup on b", got)
	}
	want := []struct {
		op     string
		passed bool
	}{{"a", true}, {"b", false}, {"b", false}}
	for i, w := range want {
		if got[i].Op != w.op || got[i].Passed != w.passed {
			t.Errorf("result %d = %+v, want op %s passed %v", i, got[i], w.op, w.passed)
		}
	}
	err := &ThresholdError{Missed: failedThresholds(&benchresult.Result{Thresholds: got})}
	if msg := err.Error(); !strings.Contains(msg, "2 threshold(s) missed") || !strings.Contains(msg, "SchedulingThroughput Average of op b: 120, want >= 300") {
		t.Errorf("error = %q", msg)
	}
	if v := figure(ops[2].Metrics, PhaseStartup, "Average"); !math.IsNaN(v) {
		t.Errorf("Average of a startup phase (not kept) gave %v, want NaN", v)
	}
}
