package benchhtml

import (
	"github.com/kmctl/kmctl/pkg/benchreport"
	"github.com/kmctl/kmctl/pkg/benchresult"
)

// queues is the scheduler's order of its pending queues.
var queues = []string{"active", "backoff", "unschedulable", "gated"}

const secondsLabel = "seconds since the op started"

// throughputChart plots pods bound in each window, at the window's end,
// with the average over the windows as a flat line.
func throughputChart(m *benchresult.Metrics) (drawing, error) {
	t := m.SchedulingThroughput
	ws := t.WindowSeconds
	if ws <= 0 {
		ws = 1
	}
	bound := series{name: "pods bound per " + benchreport.Seconds(ws) + " window"}
	for i, n := range t.Windows {
		bound.add(float64(i+1)*ws, n)
	}
	ss := []series{bound}
	if len(bound.xys) > 1 {
		avg := series{name: "average " + benchreport.Rate(t.Average), dashed: true}
		avg.add(bound.xys[0].X, t.Average)
		avg.add(bound.xys[len(bound.xys)-1].X, t.Average)
		ss = append(ss, avg)
	}
	return lineChart(secondsLabel, "pods per window", ss)
}

// podsChart plots how many of the op's pods are bound and Running.
func podsChart(m *benchresult.Metrics) (drawing, error) {
	// Running trails bound by milliseconds; a dashed line keeps both in view.
	bound, running := series{name: "bound"}, series{name: "Running", dashed: true}
	for _, s := range m.Timeline {
		bound.add(s.Seconds, float64(s.Bound))
		running.add(s.Seconds, float64(s.Running))
	}
	return lineChart(secondsLabel, "pods", []series{bound, running})
}

// pendingChart plots scheduler_pending_pods by queue.
func pendingChart(m *benchresult.Metrics) (drawing, error) {
	return lineChart(secondsLabel, "pending pods",
		timelineSeries(m.Timeline, func(s benchresult.Sample) map[string]float64 { return s.Pending }, queues...))
}

// cpuChart plots each component's CPU, in cores.
func cpuChart(m *benchresult.Metrics) (drawing, error) {
	return lineChart(secondsLabel, "cores",
		timelineSeries(m.Timeline, func(s benchresult.Sample) map[string]float64 { return s.CPU }))
}

// timelineSeries makes a series for each key that any sample's map holds,
// in the order first then by name. A sample without the map (its scrape
// failed) is left out; a key missing from a sample's map counts as zero.
func timelineSeries(samples []benchresult.Sample, of func(benchresult.Sample) map[string]float64, first ...string) []series {
	keys := map[string]bool{}
	for _, s := range samples {
		for k := range of(s) {
			keys[k] = true
		}
	}
	names := benchreport.SortedKeys(keys, first...)
	ss := make([]series, len(names))
	for i, k := range names {
		ss[i].name = k
		for _, s := range samples {
			if vs := of(s); vs != nil {
				ss[i].add(s.Seconds, vs[k])
			}
		}
	}
	return ss
}
