package benchhtml

import (
	"fmt"
	"strings"
	"time"

	"github.com/kmctl/kmctl/pkg/benchreport"
	"github.com/kmctl/kmctl/pkg/benchresult"
)

// costTarget is the share of a core kmctl's measuring may use.
const costTarget = 0.02

// page is what the template shows, every figure already formatted.
type page struct {
	Title           string
	Run             table
	Error           string
	Environment     table
	Changed         table
	SchedulerConfig string
	Ops             table
	Measured        []opView
	Thresholds      table
	Cost            string
	CostOver        bool
	Profiles        []profileView
}

// profileView is one profile file and its top functions.
type profileView struct {
	Title, File string
	Top         table
}

func newPage(r *benchresult.Result) page {
	p := page{
		Title:           "kmctl bench: " + dash(r.Workload),
		Run:             runTable(r),
		Error:           r.Error,
		Environment:     environmentTable(r.Environment),
		Changed:         changedTable(r.Environment.Changed),
		SchedulerConfig: r.Environment.SchedulerConfig,
		Ops:             opsTable(r.Ops),
		Thresholds:      thresholdsTable(r.Thresholds),
		Profiles:        profileViews(r.Profiles),
	}
	for _, op := range r.Ops {
		if op.Metrics != nil {
			p.Measured = append(p.Measured, newOpView(op))
		}
	}
	c := r.MeasuringCost
	p.Cost = fmt.Sprintf("kmctl's watches, scrapes and sampling used %s of CPU, %s of a core over the measured ops (target: under %s).",
		benchreport.Seconds(c.CPUSeconds), percent(c.CoreShare), percent(costTarget))
	p.CostOver = c.CoreShare > costTarget
	return p
}

func runTable(r *benchresult.Result) table {
	var ps []string
	for _, k := range benchreport.SortedKeys(r.Params) {
		ps = append(ps, k+"="+r.Params[k])
	}
	return pairs("",
		"workload", r.Workload, "source", r.Source, "params", strings.Join(ps, " "),
		"cluster", r.Cluster, "repeat", fmt.Sprint(max(r.Repeat, 1)),
		"started", stamp(r.Started), "finished", stamp(r.Finished),
		"took", benchreport.Seconds(r.Finished.Sub(r.Started).Seconds()))
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func environmentTable(e benchresult.Environment) table {
	return pairs("",
		"kmctl", e.KmctlVersion, "Kubernetes", e.KubeVersion, "etcd", e.EtcdVersion,
		"Prometheus", e.PrometheusVersion, "Go", e.GoVersion, "runtime", e.Runtime,
		"cores", fmt.Sprint(e.Cores), "memory", benchreport.Bytes(float64(e.MemoryBytes)), "CPU", e.CPUModel)
}

func changedTable(ss []benchresult.Setting) table {
	t := table{Caption: "Settings away from the upstream defaults: kmctl's, with why, and the user's own",
		Head: []string{"component", "setting", "value", "upstream", "why"}}
	for _, s := range ss {
		t.Rows = append(t.Rows, []cell{plain(s.Component), {Text: s.Name, Class: "code"}, plain(s.Value), plain(s.Upstream), plain(s.Why)})
	}
	return t
}

func opsTable(ops []benchresult.Op) table {
	t := table{Head: []string{"#", "op", "name", "took", "pods", "measured"}}
	for _, op := range ops {
		measured, pods := "", ""
		if op.Metrics != nil {
			measured = "yes"
		}
		if op.Pods > 0 {
			pods = fmt.Sprint(op.Pods)
		}
		t.Rows = append(t.Rows, []cell{num(fmt.Sprint(op.Index)), plain(op.Op), plain(op.Name),
			latency(time.Duration(op.Took).Seconds()), num(dash(pods)), plain(measured)})
	}
	return t
}

func thresholdsTable(ts []benchresult.ThresholdResult) table {
	t := table{Head: []string{"op", "metric", "stat", "want", "measured", ""}}
	for _, th := range ts {
		var want []string
		if th.Min != nil {
			want = append(want, fmt.Sprintf(">= %g", *th.Min))
		}
		if th.Max != nil {
			want = append(want, fmt.Sprintf("<= %g", *th.Max))
		}
		t.Rows = append(t.Rows, []cell{plain(th.Op), plain(th.Metric), plain(th.Stat), plain(strings.Join(want, ", ")),
			num(fmt.Sprintf("%.4g", th.Value)), verdict(th.Passed)})
	}
	return t
}

func profileViews(ps []benchresult.Profile) []profileView {
	out := make([]profileView, len(ps))
	for i, p := range ps {
		t := table{Head: []string{"function", "flat", "flat%", "cum", "cum%"}}
		amount := func(v float64) cell { return num(fmt.Sprintf("%.4g", v)) }
		if p.Type == "cpu" {
			amount = latency // a CPU profile counts seconds
		}
		for _, f := range p.Top {
			t.Rows = append(t.Rows, []cell{{Text: f.Function, Class: "code"}, amount(f.Flat),
				num(fmt.Sprintf("%.1f%%", f.FlatPct)), amount(f.Cum), num(fmt.Sprintf("%.1f%%", f.CumPct))})
		}
		out[i] = profileView{Title: fmt.Sprintf("%s profile of %s during op %s", p.Type, p.Component, p.Op), File: p.File, Top: t}
	}
	return out
}
