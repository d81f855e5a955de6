package benchhtml

import (
	"fmt"
	"strings"
	"time"

	"github.com/kmctl/kmctl/pkg/benchreport"
	"github.com/kmctl/kmctl/pkg/benchresult"
)

// opView is the section of one measured op.
type opView struct {
	ID, Heading, Summary string
	Charts               []chart
	Tables               []table
	Notes                []string
}

func newOpView(op benchresult.Op) opView {
	m := op.Metrics
	took := time.Duration(op.Took).Seconds()
	measured := m.Seconds
	if measured <= 0 {
		measured = took
	}
	v := opView{
		ID:      fmt.Sprintf("op%d", op.Index),
		Heading: fmt.Sprintf("Op %d: %s (%s)", op.Index, dash(op.Name), dash(op.Op)),
		Summary: fmt.Sprintf("%d pods in %s, measured over %s.", op.Pods, benchreport.Seconds(took), benchreport.Seconds(measured)),
		Charts:  opChartsOf(op),
		Tables: []table{
			throughputTable(m.SchedulingThroughput), startupTable(m.Startup), attemptsTable(m.Scheduler),
			histogramsTable("Extension points", "extension point", m.Scheduler.ExtensionPoints, extensionPointNames(m)),
			histogramsTable("Slowest plugins by p99 (the scheduler samples plugin metrics, so counts are below attempts)",
				"plugin/extension point", m.Scheduler.Plugins, slowestPlugins(m)),
			requestsTable(m.APIServer.Requests), etcdTable(m.APIServer.EtcdRequests), usageTable(m.Usage, measured),
		},
	}
	v.Notes = append(v.Notes, fmt.Sprintf("Requests rejected by API priority and fairness: %.0f. etcd database size at the end: %s.",
		m.APIServer.Rejected, benchreport.Bytes(m.APIServer.EtcdDBBytes)))
	if len(m.Scheduler.Pending) > 0 {
		var parts []string
		for _, q := range benchreport.SortedKeys(m.Scheduler.Pending, queues...) {
			parts = append(parts, fmt.Sprintf("%s %.0f", q, m.Scheduler.Pending[q]))
		}
		v.Notes = append(v.Notes, "Pending at the end, by queue: "+strings.Join(parts, ", ")+".")
	}
	return v
}

func throughputTable(t benchresult.Throughput) table {
	r := benchreport.Rate
	return table{
		Caption: fmt.Sprintf("Scheduling throughput, pods/s in %d windows of %s (scheduler_perf compares the average, clusterloader2 the max)",
			len(t.Windows), benchreport.Seconds(t.WindowSeconds)),
		Head: []string{"average", "p50", "p90", "p95", "p99", "max"},
		Rows: [][]cell{{num(r(t.Average)), num(r(t.Perc50)), num(r(t.Perc90)), num(r(t.Perc95)), num(r(t.Perc99)), num(r(t.Max))}},
	}
}

func startupTable(phases map[string]benchresult.Quantiles) table {
	t := table{Caption: "Pod startup phases (clusterloader2's), from watch times",
		Head: []string{"phase", "pods", "p50", "p90", "p99", "max"}}
	for _, p := range benchreport.SortedKeys(phases, startupPhases...) {
		t.Rows = append(t.Rows, append(quantileCells(p, phases[p]), latency(phases[p].Max)))
	}
	return t
}

func attemptsTable(s benchresult.SchedulerMetrics) table {
	t := table{Caption: "Scheduling attempts by result, from the scheduler's histograms over the op",
		Head: []string{"result", "count", "p50", "p90", "p99"}}
	for _, k := range benchreport.SortedKeys(s.AttemptDuration, "scheduled", "unschedulable", "error") {
		t.Rows = append(t.Rows, quantileCells(k, s.AttemptDuration[k].Quantiles))
	}
	if s.PodSchedulingSLI.Count > 0 {
		t.Rows = append(t.Rows, quantileCells("pod scheduling SLI", s.PodSchedulingSLI.Quantiles))
	}
	return t
}

func histogramsTable(caption, kind string, hs map[string]benchresult.Histogram, names []string) table {
	t := table{Caption: caption, Head: []string{kind, "count", "p50", "p90", "p99"}}
	for _, n := range names {
		t.Rows = append(t.Rows, quantileCells(n, hs[n].Quantiles))
	}
	return t
}

func quantileCells(name string, q benchresult.Quantiles) []cell {
	return []cell{plain(name), num(fmt.Sprint(q.Count)), latency(q.Perc50), latency(q.Perc90), latency(q.Perc99)}
}

func requestsTable(rs []benchresult.Request) table {
	t := table{Caption: "apiserver request latency p99 against the upstream API call latency SLOs",
		Head: []string{"verb", "resource", "scope", "requests", "5xx", "p99", "SLO", ""}}
	for _, r := range rs {
		t.Rows = append(t.Rows, []cell{plain(r.Verb), plain(r.Resource), plain(r.Scope), count(r.Count), count(r.Errors),
			latency(r.Perc99), latency(r.SLO), verdict(r.SLO <= 0 || r.Perc99 <= r.SLO)})
	}
	return t
}

func etcdTable(ops map[string]benchresult.Quantiles) table {
	t := table{Caption: "etcd request latency by operation", Head: []string{"operation", "count", "p50", "p90", "p99"}}
	for _, op := range benchreport.SortedKeys(ops) {
		t.Rows = append(t.Rows, quantileCells(op, ops[op]))
	}
	return t
}

// usageTable gives each component's CPU and its mean over the measured
// span, which the usage covers.
func usageTable(us []benchresult.Usage, seconds float64) table {
	t := table{Caption: "Usage by component over the measured span", Head: []string{"component", "CPU", "cores (mean)", "peak RSS"}}
	for _, u := range us {
		cores := "-"
		if seconds > 0 {
			cores = fmt.Sprintf("%.2f", u.CPUSeconds/seconds)
		}
		t.Rows = append(t.Rows, []cell{plain(u.Component), latency(u.CPUSeconds), num(cores), num(benchreport.Bytes(float64(u.PeakRSSBytes)))})
	}
	return t
}
