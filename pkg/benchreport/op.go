package benchreport

import (
	"fmt"
	"sort"
	"time"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// startupPhases is clusterloader2's order of the pod startup phases.
var startupPhases = []string{"create_to_schedule", "schedule_to_run", "pod_startup"}

// extensionPoints is the scheduling framework's order.
var extensionPoints = []string{"PreEnqueue", "QueueSort", "PreFilter", "Filter", "PostFilter", "PreScore", "Score",
	"NormalizeScore", "Reserve", "Permit", "PreBind", "Bind", "PostBind"}

// topPlugins is how many plugins the report lists, slowest p99 first.
const topPlugins = 10

func measuredOp(m *mdWriter, op benchresult.Op) {
	m.heading(2, "Op %s (%s)", op.Name, op.Op)
	took := time.Duration(op.Took).Seconds()
	m.para("%s pods in %s.", count(op.Pods), Seconds(took))
	met := op.Metrics
	if n := len(met.WatchRelists); n > 0 {
		m.para("**Warning:** kmctl's pod watch listed again %d time(s) during this op (the apiserver closes a watcher that falls behind); pods that changed in the gap are timed when the list arrived.", n)
	}
	throughput(m, met.SchedulingThroughput)
	startup(m, met.Startup)
	scheduler(m, met.Scheduler)
	apiserver(m, met.APIServer)
	usage(m, met.Usage, met.Seconds) // the span the usage was read over
}

func throughput(m *mdWriter, t benchresult.Throughput) {
	m.heading(3, "Scheduling throughput")
	m.para("Pods bound per second in %d windows of %s (scheduler_perf compares the average, clusterloader2 the max).",
		len(t.Windows), Seconds(t.WindowSeconds))
	m.table([]string{"average", "p50", "p90", "p95", "p99", "max"}, [][]string{{
		Rate(t.Average), Rate(t.Perc50), Rate(t.Perc90), Rate(t.Perc95), Rate(t.Perc99), Rate(t.Max),
	}})
}

func startup(m *mdWriter, phases map[string]benchresult.Quantiles) {
	if len(phases) == 0 {
		return
	}
	m.heading(3, "Pod startup")
	m.para("clusterloader2's phases, from watch times.")
	var rows [][]string
	for _, p := range SortedKeys(phases, startupPhases...) {
		rows = append(rows, quantileRow(p, phases[p], true))
	}
	m.table([]string{"phase", "pods", "p50", "p90", "p99", "max"}, rows)
}

// quantileRow is name, count and quantiles; withMax adds the maximum.
func quantileRow(name string, q benchresult.Quantiles, withMax bool) []string {
	row := []string{name, fmt.Sprint(q.Count), Seconds(q.Perc50), Seconds(q.Perc90), Seconds(q.Perc99)}
	if withMax {
		row = append(row, Seconds(q.Max))
	}
	return row
}

func scheduler(m *mdWriter, s benchresult.SchedulerMetrics) {
	m.heading(3, "Scheduler")
	m.para("From the scheduler's own histograms, the difference over the op; quantiles are interpolated in the buckets.")
	rows := histogramRows(s.AttemptDuration, "scheduled", "unschedulable", "error")
	if s.PodSchedulingSLI.Count > 0 {
		rows = append(rows, quantileRow("pod scheduling SLI", s.PodSchedulingSLI.Quantiles, false))
	}
	m.table([]string{"attempt result", "count", "p50", "p90", "p99"}, rows)
	m.table([]string{"extension point", "count", "p50", "p90", "p99"}, histogramRows(s.ExtensionPoints, extensionPoints...))
	plugins(m, s.Plugins)
	if len(s.Pending) > 0 {
		var parts []string
		for _, q := range SortedKeys(s.Pending, "active", "backoff", "unschedulable", "gated") {
			parts = append(parts, fmt.Sprintf("%s %.0f", q, s.Pending[q]))
		}
		m.para("Pending at the end, by queue: %s.", joinComma(parts))
	}
}

func histogramRows(hs map[string]benchresult.Histogram, first ...string) [][]string {
	var rows [][]string
	for _, k := range SortedKeys(hs, first...) {
		rows = append(rows, quantileRow(k, hs[k].Quantiles, false))
	}
	return rows
}

func plugins(m *mdWriter, ps map[string]benchresult.Histogram) {
	if len(ps) == 0 {
		return
	}
	names := SortedKeys(ps)
	sort.SliceStable(names, func(i, j int) bool { return ps[names[i]].Perc99 > ps[names[j]].Perc99 })
	if len(names) > topPlugins {
		names = names[:topPlugins]
	}
	rows := make([][]string, len(names))
	for i, n := range names {
		rows[i] = quantileRow(n, ps[n].Quantiles, false)
	}
	m.para("Slowest plugins by p99 (the scheduler samples plugin metrics, so counts are below attempts):")
	m.table([]string{"plugin/extension point", "count", "p50", "p90", "p99"}, rows)
}
