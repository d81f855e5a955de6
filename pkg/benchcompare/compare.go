package benchcompare

import (
	"fmt"
	"math"
	"slices"

	"golang.org/x/perf/benchmath"
)

// MinRepeats is the fewest runs on each side for a significance test.
const MinRepeats = 3

// Comparison is two or more sides, figure by figure.
type Comparison struct {
	Sides []*Side
	Ops   []Op
	// Untested lists the sides (by index) with a delta that carries no
	// significance test, for fewer than MinRepeats runs on either side.
	Untested []int
	// Notes are what a reader must know to trust the figures: different
	// workloads or machines, ops left out, runs that stopped early,
	// warnings of the statistics.
	Notes []string
}

// Op is one measured op present on every side.
type Op struct {
	Name string
	Rows []Row
}

// Row is one figure of an op on each side.
type Row struct {
	Figure Figure // its Value is unset
	Cells  []Cell
}

// Cell is a figure on one side.
type Cell struct {
	// Values are the figure in each run that has it; Center is their
	// median (benchstat's summary without distributional assumptions).
	Values []float64
	Center float64
	// Delta compares the cell with the first side's; nil on the first
	// side and where either side lacks the figure.
	Delta *Delta
}

// Delta is a cell's difference from the first side's.
type Delta struct {
	// From is the first side's center.
	From float64
	// Percent is (center - first center) / first center * 100; NaN when
	// the first center is 0 and this one is not.
	Percent float64
	// Tested says a significance test ran (MinRepeats on both sides);
	// Test is its outcome.
	Tested bool
	Test   benchmath.Comparison
}

// Significant says whether a tested difference is significant; benchstat
// shows an insignificant one as "~".
func (d *Delta) Significant() bool { return d.Tested && d.Test.P <= d.Test.Alpha }

// Compare compares the sides' measured ops that every side has, by name.
// It fails when fewer than two sides are given or no measured op is on
// all of them.
func Compare(sides []*Side) (*Comparison, error) {
	if len(sides) < 2 {
		return nil, fmt.Errorf("compare needs two run dirs or more, got %d", len(sides))
	}
	c := &Comparison{Sides: sides}
	c.Notes = append(c.Notes, sideNotes(sides)...)
	for _, name := range sides[0].measuredOps() {
		if missing := sidesWithout(sides, name); len(missing) > 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("op %s is not measured in %s: skipped", name, joinLabels(missing)))
			continue
		}
		c.Ops = append(c.Ops, c.compareOp(name))
	}
	c.Notes = append(c.Notes, opsOnlyLater(sides)...)
	if len(c.Ops) == 0 {
		return nil, fmt.Errorf("no measured op is in every run (%s); compare runs of the same workload", opLists(sides))
	}
	c.Notes = dedupe(c.Notes)
	return c, nil
}

// compareOp builds the rows of one op.
func (c *Comparison) compareOp(name string) Op {
	values := make([]map[string][]float64, len(c.Sides))
	var order []Figure
	seen := map[string]bool{}
	for i, s := range c.Sides {
		values[i] = map[string][]float64{}
		for _, r := range s.Results {
			m := measured(r, name)
			if m == nil {
				continue
			}
			for _, f := range Figures(m) {
				values[i][f.ID()] = append(values[i][f.ID()], f.Value)
				if !seen[f.ID()] {
					seen[f.ID()] = true
					f.Value = 0
					order = append(order, f)
				}
			}
		}
	}
	op := Op{Name: name}
	for _, f := range order {
		op.Rows = append(op.Rows, c.row(f, values))
	}
	return op
}

// row fills one figure's cells, comparing each with the first side's.
func (c *Comparison) row(f Figure, values []map[string][]float64) Row {
	row := Row{Figure: f, Cells: make([]Cell, len(values))}
	for i, v := range values {
		row.Cells[i] = newCell(v[f.ID()])
	}
	base := row.Cells[0]
	for i := 1; i < len(row.Cells); i++ {
		cell := &row.Cells[i]
		if len(base.Values) == 0 || len(cell.Values) == 0 {
			continue
		}
		cell.Delta = delta(base, *cell)
		if !cell.Delta.Tested && !slices.Contains(c.Untested, i) {
			c.Untested = append(c.Untested, i)
		}
		for _, w := range cell.Delta.Test.Warnings {
			// Equal samples show as "~" and 0%, which says it already.
			if w.Error() != "all samples are equal" {
				c.Notes = append(c.Notes, fmt.Sprintf("%s vs %s: %v", c.Sides[i].Label, c.Sides[0].Label, w))
			}
		}
	}
	return row
}

func newCell(values []float64) Cell {
	if len(values) == 0 {
		return Cell{}
	}
	s := benchmath.NewSample(append([]float64(nil), values...), &benchmath.DefaultThresholds)
	return Cell{Values: s.Values, Center: benchmath.AssumeNothing.Summary(s, 0.95).Center}
}

// delta compares cell with base, testing significance when both have
// MinRepeats values.
func delta(base, cell Cell) *Delta {
	d := &Delta{From: base.Center, Percent: percent(base.Center, cell.Center)}
	if len(base.Values) >= MinRepeats && len(cell.Values) >= MinRepeats {
		d.Tested = true
		d.Test = benchmath.AssumeNothing.Compare(
			benchmath.NewSample(base.Values, &benchmath.DefaultThresholds),
			benchmath.NewSample(cell.Values, &benchmath.DefaultThresholds))
	}
	return d
}

// percent is the change from old to new in percent.
func percent(old, new float64) float64 {
	switch {
	case old == new:
		return 0
	case old == 0:
		return math.NaN()
	}
	return (new - old) / old * 100
}
