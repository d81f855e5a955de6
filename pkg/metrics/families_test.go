package metrics

import (
	"math"
	"strings"
	"testing"
)

const schedulerPage = `# HELP scheduler_schedule_attempts_total [STABLE] Number of attempts to schedule pods.
# TYPE scheduler_schedule_attempts_total counter
scheduler_schedule_attempts_total{profile="default-scheduler",result="error"} 2
scheduler_schedule_attempts_total{profile="default-scheduler",result="scheduled"} 900
scheduler_schedule_attempts_total{profile="other",result="scheduled"} 100
scheduler_schedule_attempts_total{profile="default-scheduler",result="unschedulable"} 7
# HELP scheduler_scheduling_attempt_duration_seconds [STABLE] Scheduling attempt latency in seconds.
# TYPE scheduler_scheduling_attempt_duration_seconds histogram
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="0.001"} 100
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="0.01"} 800
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="+Inf"} 900
scheduler_scheduling_attempt_duration_seconds_sum{profile="default-scheduler",result="scheduled"} 3.2
scheduler_scheduling_attempt_duration_seconds_count{profile="default-scheduler",result="scheduled"} 900
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="error",le="0.001"} 0
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="error",le="0.01"} 0
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="error",le="+Inf"} 2
scheduler_scheduling_attempt_duration_seconds_sum{profile="default-scheduler",result="error"} 20
scheduler_scheduling_attempt_duration_seconds_count{profile="default-scheduler",result="error"} 2
scheduler_scheduling_attempt_duration_seconds_bucket{profile="other",result="scheduled",le="0.001"} 0
scheduler_scheduling_attempt_duration_seconds_bucket{profile="other",result="scheduled",le="0.01"} 100
scheduler_scheduling_attempt_duration_seconds_bucket{profile="other",result="scheduled",le="+Inf"} 100
scheduler_scheduling_attempt_duration_seconds_sum{profile="other",result="scheduled"} 0.5
scheduler_scheduling_attempt_duration_seconds_count{profile="other",result="scheduled"} 100
`

const simulatorPage = `# HELP kmctl_simulator_pods_started_total Pods moved to Running.
# TYPE kmctl_simulator_pods_started_total counter
kmctl_simulator_pods_started_total 42
# HELP kmctl_simulator_managed_nodes Nodes this simulator plays kubelet for.
# TYPE kmctl_simulator_managed_nodes gauge
kmctl_simulator_managed_nodes 100
`

func TestFamiliesCounter(t *testing.T) {
	fams, err := ParseMetrics(strings.NewReader(schedulerPage + simulatorPage))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		match map[string]string
		want  float64
	}{
		{"scheduler_schedule_attempts_total", map[string]string{"result": "scheduled"}, 1000},
		{"scheduler_schedule_attempts_total", map[string]string{"result": "scheduled", "profile": "other"}, 100},
		{"scheduler_schedule_attempts_total", nil, 1009},
		{"scheduler_schedule_attempts_total", map[string]string{"nolabel": "x"}, 0},
		{"kmctl_simulator_pods_started_total", nil, 42},
		{"kmctl_simulator_managed_nodes", nil, 100},
		{"absent_total", nil, 0},
	}
	for _, tt := range tests {
		if got := fams.Counter(tt.name, tt.match); got != tt.want {
			t.Errorf("Counter(%s, %v) = %v, want %v", tt.name, tt.match, got, tt.want)
		}
	}
}

func TestFamiliesHistogram(t *testing.T) {
	fams, err := ParseMetrics(strings.NewReader(schedulerPage))
	if err != nil {
		t.Fatal(err)
	}
	h := fams.Histogram("scheduler_scheduling_attempt_duration_seconds", map[string]string{"result": "scheduled"})
	want := Histogram{{0.001, 100}, {0.01, 900}, {math.Inf(1), 1000}}
	if len(h) != len(want) {
		t.Fatalf("Histogram = %v, want %v", h, want)
	}
	for i := range want {
		if h[i] != want[i] {
			t.Errorf("bucket %d = %v, want %v", i, h[i], want[i])
		}
	}
	if p50 := h.Quantile(0.5); math.Abs(p50-0.0055) > 1e-9 { // rank 500: 400 of 800 into 0.001-0.01
		t.Errorf("p50 = %v, want 0.0055", p50)
	}
	if fams.Histogram("absent", nil) != nil {
		t.Error("an absent histogram should be nil")
	}
}

func TestFamiliesHistogramTotals(t *testing.T) {
	fams, err := ParseMetrics(strings.NewReader(schedulerPage))
	if err != nil {
		t.Fatal(err)
	}
	if sum, count := fams.HistogramTotals("scheduler_scheduling_attempt_duration_seconds", map[string]string{"result": "scheduled"}); math.Abs(sum-3.7) > 1e-9 || count != 1000 {
		t.Errorf("scheduled: sum %v count %v, want 3.7 and 1000", sum, count)
	}
	if sum, count := fams.HistogramTotals("scheduler_scheduling_attempt_duration_seconds", map[string]string{"result": "error"}); sum != 20 || count != 2 {
		t.Errorf("errors: sum %v count %v, want 20 and 2", sum, count)
	}
	if sum, count := fams.HistogramTotals("scheduler_schedule_attempts_total", nil); sum != 0 || count != 0 {
		t.Errorf("a counter has no histogram totals: %v %v", sum, count)
	}
	if sum, count := fams.HistogramTotals("absent", nil); sum != 0 || count != 0 {
		t.Errorf("absent: %v %v", sum, count)
	}
}

func TestParseMetricsRejectsGarbage(t *testing.T) {
	if _, err := ParseMetrics(strings.NewReader("not a metric page {{{\n")); err == nil {
		t.Error("want an error for a malformed page")
	}
}

func TestHistogramsBy(t *testing.T) {
	page := `# TYPE scheduler_plugin_execution_duration_seconds histogram
scheduler_plugin_execution_duration_seconds_bucket{plugin="A",extension_point="Filter",status="Success",le="0.001"} 8
scheduler_plugin_execution_duration_seconds_bucket{plugin="A",extension_point="Filter",status="Success",le="+Inf"} 10
scheduler_plugin_execution_duration_seconds_sum{plugin="A",extension_point="Filter",status="Success"} 0.02
scheduler_plugin_execution_duration_seconds_count{plugin="A",extension_point="Filter",status="Success"} 10
scheduler_plugin_execution_duration_seconds_bucket{plugin="A",extension_point="Filter",status="Unschedulable",le="0.001"} 1
scheduler_plugin_execution_duration_seconds_bucket{plugin="A",extension_point="Filter",status="Unschedulable",le="+Inf"} 2
scheduler_plugin_execution_duration_seconds_sum{plugin="A",extension_point="Filter",status="Unschedulable"} 0.01
scheduler_plugin_execution_duration_seconds_count{plugin="A",extension_point="Filter",status="Unschedulable"} 2
scheduler_plugin_execution_duration_seconds_bucket{plugin="B",extension_point="Score",status="Success",le="0.001"} 5
scheduler_plugin_execution_duration_seconds_bucket{plugin="B",extension_point="Score",status="Success",le="+Inf"} 5
scheduler_plugin_execution_duration_seconds_sum{plugin="B",extension_point="Score",status="Success"} 0.001
scheduler_plugin_execution_duration_seconds_count{plugin="B",extension_point="Score",status="Success"} 5
`
	fams, err := ParseMetrics(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	got := fams.HistogramsBy("scheduler_plugin_execution_duration_seconds", nil, "plugin", "extension_point")
	a, b := got["A/Filter"], got["B/Score"]
	if len(got) != 2 || a.Histogram.Total() != 12 || math.Abs(a.Sum-0.03) > 1e-9 || b.Histogram.Total() != 5 {
		t.Fatalf("groups = %+v", got)
	}
	if r := a.Result(); r.Count != 12 || math.Abs(r.Sum-0.03) > 1e-9 || r.Perc50 <= 0 || r.Perc50 > 0.001 {
		t.Errorf("A/Filter as a result = %+v, want 12 observations, p50 in the first bucket", r)
	}
	if c := fams.CountersBy("absent", nil, "x"); len(c) != 0 {
		t.Errorf("absent counters = %v", c)
	}
}

func TestParseOnly(t *testing.T) {
	page := schedulerPage + `# HELP scheduler_pending_pods Number of pending pods.
# TYPE scheduler_pending_pods gauge
scheduler_pending_pods{queue="active"} 3
scheduler_pending_pods{queue="backoff"} 1
scheduler_pending_pods_extra 9
`
	fams, err := ParseOnly(strings.NewReader(page), "scheduler_pending_pods")
	if err != nil {
		t.Fatal(err)
	}
	if len(fams) != 1 || fams.Counter("scheduler_pending_pods", nil) != 4 {
		t.Errorf("kept %d families, pending %v; want only scheduler_pending_pods, 4", len(fams), fams.Counter("scheduler_pending_pods", nil))
	}
}
