package benchhtml

import (
	"math"
	"sort"

	"github.com/kmctl/kmctl/pkg/benchreport"
	"github.com/kmctl/kmctl/pkg/benchresult"
)

// startupPhases is clusterloader2's order of the pod startup phases.
var startupPhases = []string{"create_to_schedule", "schedule_to_run", "pod_startup"}

// extensionPoints is the scheduling framework's order.
var extensionPoints = []string{"PreEnqueue", "QueueSort", "PreFilter", "Filter", "PostFilter", "PreScore", "Score",
	"NormalizeScore", "Reserve", "Permit", "PreBind", "Bind", "PostBind"}

// topPlugins is how many plugins the plugin chart shows, slowest p99 first.
const topPlugins = 15

// startupChart draws p50, p90 and p99 of each startup phase.
func startupChart(m *benchresult.Metrics) (drawing, error) {
	phases := benchreport.SortedKeys(m.Startup, startupPhases...)
	if len(phases) == 0 {
		return drawing{}, nil
	}
	qs := make([]benchresult.Quantiles, len(phases))
	for i, p := range phases {
		qs[i] = m.Startup[p]
	}
	return quantileBars(phases, qs, false, true)
}

// quantileBars draws p50 and p99 (and p90 when withP90) of each category,
// in the unit that suits the largest.
func quantileBars(names []string, qs []benchresult.Quantiles, horizontal, withP90 bool) (drawing, error) {
	top := 0.0
	for _, q := range qs {
		if isFinite(q.Perc99) {
			top = math.Max(top, q.Perc99)
		}
	}
	scale, name := unit(top)
	groups := []group{{name: "p50"}, {name: "p90"}, {name: "p99"}}
	for _, q := range qs {
		groups[0].values = append(groups[0].values, q.Perc50*scale)
		groups[1].values = append(groups[1].values, q.Perc90*scale)
		groups[2].values = append(groups[2].values, q.Perc99*scale)
	}
	if !withP90 {
		groups = []group{groups[0], groups[2]}
	}
	return barChart(names, groups, "latency ("+name+")", horizontal)
}

// attemptsChart draws how many scheduled attempts fell in each bucket of
// the scheduler's histogram, from the first bucket holding any to the last.
func attemptsChart(m *benchresult.Metrics) (drawing, error) {
	labels, counts := bucketCounts(m.Scheduler.AttemptDuration["scheduled"].Buckets)
	if len(counts) == 0 {
		return drawing{}, nil
	}
	d, err := barChart(labels, []group{{"attempts", counts}}, "attempts", false)
	if d.plot != nil {
		d.plot.X.Label.Text = "attempt duration, up to the bucket's bound"
	}
	return d, err
}

// bucketCounts turns cumulative buckets into the count of each, labelled
// by its upper bound, without the empty buckets at either end.
func bucketCounts(cumulative []benchresult.Bucket) ([]string, []float64) {
	bs := append([]benchresult.Bucket(nil), cumulative...)
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].UpperBound < bs[j].UpperBound })
	var labels []string
	var counts []float64
	prev := 0.0
	for _, b := range bs {
		labels = append(labels, bucketLabel(float64(b.UpperBound)))
		counts = append(counts, math.Max(b.Count-prev, 0))
		prev = math.Max(prev, b.Count)
	}
	first, last := 0, len(counts)
	for first < last && counts[first] == 0 {
		first++
	}
	for last > first && counts[last-1] == 0 {
		last--
	}
	return labels[first:last], counts[first:last]
}

func bucketLabel(le float64) string {
	if math.IsInf(le, 1) {
		return "+Inf"
	}
	return benchreport.Seconds(le)
}

// extensionPointsChart draws p50 and p99 of each extension point that ran.
func extensionPointsChart(m *benchresult.Metrics) (drawing, error) {
	return histogramBars(extensionPointNames(m), m.Scheduler.ExtensionPoints)
}

// pluginsChart draws p50 and p99 of the plugins with the highest p99.
func pluginsChart(m *benchresult.Metrics) (drawing, error) {
	return histogramBars(slowestPlugins(m), m.Scheduler.Plugins)
}

// extensionPointNames are the extension points that ran, in the
// framework's order.
func extensionPointNames(m *benchresult.Metrics) []string {
	return observed(m.Scheduler.ExtensionPoints, benchreport.SortedKeys(m.Scheduler.ExtensionPoints, extensionPoints...))
}

// slowestPlugins are the topPlugins plugins that ran, highest p99 first.
func slowestPlugins(m *benchresult.Metrics) []string {
	ps := m.Scheduler.Plugins
	names := observed(ps, benchreport.SortedKeys(ps))
	sort.SliceStable(names, func(i, j int) bool { return ps[names[i]].Perc99 > ps[names[j]].Perc99 })
	return names[:min(len(names), topPlugins)]
}

// observed keeps the names whose histogram counted anything.
func observed(hs map[string]benchresult.Histogram, names []string) []string {
	var out []string
	for _, n := range names {
		if hs[n].Count > 0 {
			out = append(out, n)
		}
	}
	return out
}

// histogramBars draws the named histograms' p50 and p99 as horizontal bars.
func histogramBars(names []string, hs map[string]benchresult.Histogram) (drawing, error) {
	if len(names) == 0 {
		return drawing{}, nil
	}
	qs := make([]benchresult.Quantiles, len(names))
	for i, n := range names {
		qs[i] = hs[n].Quantiles
	}
	return quantileBars(names, qs, true, false)
}
