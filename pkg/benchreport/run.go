package benchreport

import (
	"fmt"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// costTarget is the share of a core the measuring may use.
const costTarget = 0.02

func thresholds(m *mdWriter, ts []benchresult.ThresholdResult) {
	if len(ts) == 0 {
		return
	}
	m.heading(2, "Thresholds")
	rows := make([][]string, len(ts))
	for i, t := range ts {
		rows[i] = []string{t.Op, t.Metric, t.Stat, want(t), fmt.Sprintf("%.4g", t.Value), passFail(t.Passed)}
	}
	m.table([]string{"op", "metric", "stat", "want", "measured", ""}, rows)
}

// want says what a threshold asks: ">= 100", "<= 5" or both.
func want(t benchresult.ThresholdResult) string {
	s := ""
	if t.Min != nil {
		s = fmt.Sprintf(">= %g", *t.Min)
	}
	if t.Max != nil {
		if s != "" {
			s += ", "
		}
		s += fmt.Sprintf("<= %g", *t.Max)
	}
	return dash(s)
}

func measuringCost(m *mdWriter, c benchresult.MeasuringCost) {
	m.heading(2, "Cost of measuring")
	verdict := "within"
	if c.CoreShare > costTarget {
		verdict = "**over**"
	}
	m.para("kmctl's watches, scrapes and sampling used %s of CPU, %.2f%% of a core over the measured ops (%s the %.0f%% target).",
		Seconds(c.CPUSeconds), c.CoreShare*100, verdict, costTarget*100)
}

func profiles(m *mdWriter, ps []benchresult.Profile) {
	if len(ps) == 0 {
		return
	}
	m.heading(2, "Profiles")
	for _, p := range ps {
		m.para("%s profile of %s during op %s: [%s](%s) (`go tool pprof %s`).", p.Type, p.Component, p.Op, p.File, p.File, p.File)
		rows := make([][]string, len(p.Top))
		amount := profileAmount(p.Type)
		for i, f := range p.Top {
			rows[i] = []string{"`" + f.Function + "`", amount(f.Flat), fmt.Sprintf("%.1f%%", f.FlatPct), amount(f.Cum), fmt.Sprintf("%.1f%%", f.CumPct)}
		}
		m.table([]string{"function", "flat", "flat%", "cum", "cum%"}, rows)
	}
}

// profileAmount writes a profile's flat and cum values in its own unit:
// seconds for CPU, bytes for heap, counts for the others.
func profileAmount(typ string) func(float64) string {
	switch typ {
	case "cpu":
		return Seconds
	case "heap", "allocs":
		return Bytes
	}
	return func(v float64) string { return fmt.Sprintf("%.0f", v) }
}
