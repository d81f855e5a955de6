package benchrun

import (
	"math"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/metrics"
	"github.com/kmctl/kmctl/pkg/stats"
)

// The scheduler's metrics a measured op reads.
const (
	metricAttempt        = "scheduler_scheduling_attempt_duration_seconds"
	metricSLI            = "scheduler_pod_scheduling_sli_duration_seconds"
	metricExtensionPoint = "scheduler_framework_extension_point_duration_seconds"
	metricPlugin         = "scheduler_plugin_execution_duration_seconds"
	metricPending        = "scheduler_pending_pods"
)

// schedulerDelta is what the scheduler observed between two pages.
func schedulerDelta(before, after metrics.Families) benchresult.SchedulerMetrics {
	return benchresult.SchedulerMetrics{
		AttemptDuration:  deltasBy(before, after, metricAttempt, "result"),
		PodSchedulingSLI: deltasBy(before, after, metricSLI)[""],
		ExtensionPoints:  deltasBy(before, after, metricExtensionPoint, "extension_point"),
		Plugins:          deltasBy(before, after, metricPlugin, "plugin", "extension_point"),
		Pending:          after.CountersBy(metricPending, nil, "queue"),
	}
}

// deltasBy is the difference of a histogram family between two pages,
// grouped by labels, leaving out groups that saw nothing.
func deltasBy(before, after metrics.Families, name string, by ...string) map[string]benchresult.Histogram {
	earlier := before.HistogramsBy(name, nil, by...)
	out := map[string]benchresult.Histogram{}
	for key, s := range after.HistogramsBy(name, nil, by...) {
		d := stats.Sub(s.Result(), earlier[key].Result())
		if d.Count > 0 {
			out[key] = d
		}
	}
	return out
}

// finite turns the NaN of a missing gauge into 0.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}
