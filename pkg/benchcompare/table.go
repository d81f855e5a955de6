package benchcompare

import (
	"fmt"
	"math"
	"strings"

	"github.com/kmctl/kmctl/pkg/benchreport"
)

// letter names side i in tables: A, B, C...
func letter(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return fmt.Sprintf("S%d", i+1)
}

// header is the column names of an op's table.
func (c *Comparison) header() []string {
	h := []string{"figure"}
	for i := range c.Sides {
		h = append(h, letter(i))
		if i > 0 {
			h = append(h, "Δ "+letter(i))
		}
	}
	return h
}

// cells is one row of an op's table.
func (c *Comparison) cells(r Row) []string {
	out := []string{fmt.Sprintf("%s (%s)", r.Figure.Label(), r.Figure.Unit.Name)}
	for i, cell := range r.Cells {
		out = append(out, formatValue(r.Figure.Unit, cell))
		if i > 0 {
			out = append(out, formatDelta(cell))
		}
	}
	return out
}

// legend says which dir each letter is.
func (c *Comparison) legend() [][]string {
	var out [][]string
	for i, s := range c.Sides {
		runs := fmt.Sprintf("%d runs", len(s.Results))
		if len(s.Results) == 1 {
			runs = "1 run"
		}
		out = append(out, []string{letter(i), s.Label, runs, workloads(s)})
	}
	return out
}

// preamble is what the tables need said first.
func (c *Comparison) preamble() []string {
	out := []string{
		"Values are the median over a side's runs; Δ is the change from A.",
		`With 3 runs or more on both sides, "~" marks a difference that is not significant (Mann-Whitney U test, alpha 0.05, as benchstat), with its p-value and sample sizes.`,
	}
	if len(c.Untested) > 0 {
		letters := make([]string, len(c.Untested))
		for i, side := range c.Untested {
			letters[i] = letter(side)
		}
		out = append(out, fmt.Sprintf("(n<%d, no significance test: Δ %s)", MinRepeats, strings.Join(letters, ", Δ ")))
	}
	return out
}

func workloads(s *Side) string {
	var names []string
	seen := map[string]bool{}
	for _, r := range s.Results {
		if !seen[r.Workload] {
			seen[r.Workload] = true
			names = append(names, r.Workload)
		}
	}
	return strings.Join(names, ", ")
}

func formatValue(u Unit, cell Cell) string {
	if len(cell.Values) == 0 {
		return "-"
	}
	if u == PodsPerSecond {
		return benchreport.Rate(cell.Center)
	}
	return benchreport.Seconds(cell.Center)
}

// formatDelta is the change as benchstat writes it: "+12.34%", or "~" when
// a test found no significant difference, followed by the test's p-value
// and sample sizes.
func formatDelta(cell Cell) string {
	d := cell.Delta
	switch {
	case d == nil:
		return ""
	case !d.Tested && math.IsNaN(d.Percent):
		return "?"
	case !d.Tested && d.Percent == 0:
		return "0.00%"
	case !d.Tested:
		return fmt.Sprintf("%+.2f%%", d.Percent)
	}
	return fmt.Sprintf("%s (%s)", d.Test.FormatDelta(d.From, cell.Center), d.Test)
}
