package benchcompare

import (
	"strings"

	"github.com/kmctl/kmctl/pkg/benchreport"
	"github.com/kmctl/kmctl/pkg/benchresult"
)

// Unit is what a figure is counted in, and which way is better.
type Unit struct {
	// Name is shown beside the figure; Bench is its unit in the Go
	// benchmark format, where "sec" is the base unit of time.
	Name, Bench    string
	HigherIsBetter bool
}

// The units of compared figures.
var (
	PodsPerSecond = Unit{Name: "pods/s", Bench: "pods/s", HigherIsBetter: true}
	Seconds       = Unit{Name: "s", Bench: "sec"}
	CPUSeconds    = Unit{Name: "CPU s", Bench: "cpu-sec"}
)

// Figure is one number a measured op yields.
type Figure struct {
	// Group and Key say what was measured ("startup", "phase=pod_startup");
	// Stat which statistic of it ("p99"; empty for a plain amount).
	Group, Key, Stat string
	Unit             Unit
	Value            float64
}

// ID names the figure uniquely within an op.
func (f Figure) ID() string { return f.Group + "/" + f.Key + "/" + f.Stat }

// Label is the figure as a reader sees it: "startup pod_startup p99".
func (f Figure) Label() string {
	parts := []string{f.Group}
	if _, v, ok := strings.Cut(f.Key, "="); ok {
		parts = append(parts, v)
	}
	if f.Stat != "" {
		parts = append(parts, f.Stat)
	}
	return strings.Join(parts, " ")
}

// startupOrder is clusterloader2's order of the startup phases.
var startupOrder = []string{"create_to_schedule", "schedule_to_run", "pod_startup"}

// Figures lists what a measured op is compared by, in a fixed order:
// throughput, startup phases, scheduling attempts that scheduled, the
// scheduling SLI, extension points, apiserver latency and CPU per
// component. Figures with no observations are left out.
func Figures(m *benchresult.Metrics) []Figure {
	var out []Figure
	out = append(out, throughputFigures(m.SchedulingThroughput)...)
	for _, phase := range benchreport.SortedKeys(m.Startup, startupOrder...) {
		out = append(out, quantileFigures("startup", "phase="+phase, m.Startup[phase], "p50", "p90", "p99")...)
	}
	if h, ok := m.Scheduler.AttemptDuration["scheduled"]; ok {
		out = append(out, quantileFigures("attempt", "result=scheduled", h.Quantiles, "p50", "p99")...)
	}
	out = append(out, quantileFigures("SLI", "", m.Scheduler.PodSchedulingSLI.Quantiles, "p99")...)
	for _, point := range benchreport.SortedKeys(m.Scheduler.ExtensionPoints) {
		out = append(out, quantileFigures("extension point", "point="+point, m.Scheduler.ExtensionPoints[point].Quantiles, "p99")...)
	}
	out = append(out, apiserverFigures(m.APIServer.Requests)...)
	for _, u := range m.Usage {
		out = append(out, Figure{Group: "CPU", Key: "component=" + u.Component, Unit: CPUSeconds, Value: u.CPUSeconds})
	}
	return out
}

func throughputFigures(t benchresult.Throughput) []Figure {
	if len(t.Windows) == 0 && t.Average == 0 {
		return nil
	}
	f := func(stat string, v float64) Figure {
		return Figure{Group: "throughput", Stat: stat, Unit: PodsPerSecond, Value: v}
	}
	return []Figure{f("avg", t.Average), f("p50", t.Perc50), f("p90", t.Perc90), f("p99", t.Perc99), f("max", t.Max)}
}

// quantileFigures picks stats of q; none when nothing was observed.
func quantileFigures(group, key string, q benchresult.Quantiles, stats ...string) []Figure {
	if q.Count == 0 {
		return nil
	}
	values := map[string]float64{"p50": q.Perc50, "p90": q.Perc90, "p99": q.Perc99}
	out := make([]Figure, len(stats))
	for i, s := range stats {
		out[i] = Figure{Group: group, Key: key, Stat: s, Unit: Seconds, Value: values[s]}
	}
	return out
}

// apiserverFigures are the highest p99 of mutating requests and of reads,
// the figures the API call latency SLOs hold.
func apiserverFigures(reqs []benchresult.Request) []Figure {
	worst := map[string]float64{}
	for _, r := range reqs {
		class := "mutating"
		switch strings.ToUpper(r.Verb) {
		case "WATCH", "CONNECT":
			continue
		case "GET", "LIST":
			class = "read"
		}
		worst[class] = max(worst[class], r.Perc99)
	}
	var out []Figure
	for _, class := range []string{"mutating", "read"} {
		if v, ok := worst[class]; ok {
			out = append(out, Figure{Group: "apiserver", Key: "requests=" + class, Stat: "max-p99", Unit: Seconds, Value: v})
		}
	}
	return out
}
