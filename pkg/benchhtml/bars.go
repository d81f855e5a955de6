package benchhtml

import (
	"slices"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// group is one set of bars across the categories, such as every p99.
type group struct {
	name   string
	values []float64
}

// Horizontal charts give each bar this thickness and grow with their bars.
const (
	barThickness = 9
	barGap       = 6
)

// unit is the unit latencies up to max read best in, and its scale from
// seconds.
func unit(max float64) (scale float64, name string) {
	switch {
	case max < 1e-3:
		return 1e6, "µs"
	case max < 1:
		return 1e3, "ms"
	}
	return 1, "s"
}

// barChart draws the groups side by side within each category. A
// horizontal chart lists the categories from the top down, which long
// names such as plugins need.
func barChart(categories []string, groups []group, valueLabel string, horizontal bool) (drawing, error) {
	if horizontal {
		categories, groups = reversed(categories, groups)
	}
	p := newPlot("", valueLabel)
	width := barWidth(len(categories), len(groups), horizontal)
	for g, gr := range groups {
		vs := make(plotter.Values, len(gr.values))
		for i, v := range gr.values {
			if isFinite(v) {
				vs[i] = v
			}
		}
		b, err := plotter.NewBarChart(vs, width)
		if err != nil {
			return drawing{}, err
		}
		b.Color, b.LineStyle.Width, b.Horizontal = colour(g), 0, horizontal
		b.Offset = offset(g, len(groups), width, horizontal)
		p.Add(b)
		if len(groups) > 1 {
			p.Legend.Add(gr.name, b)
		}
	}
	// Half a category of margin at each end keeps the outer bars and
	// their labels inside the chart.
	if !horizontal {
		p.NominalX(categories...)
		p.X.Min, p.X.Max = -0.5, float64(len(categories))-0.5
		withHeadroom(p, len(groups))
		return drawing{p, chartHeight}, nil
	}
	p.X.Label.Text, p.Y.Label.Text = valueLabel, ""
	p.NominalY(categories...)
	p.Y.Min, p.Y.Max = -0.5, float64(len(categories))-0.5
	p.Y.Tick.Length = vg.Points(4) // a gap between the names and the bars
	p.X.Min, p.X.Max = 0, max(p.X.Max, 1e-9)*1.2
	p.Legend.Left = false
	height := vg.Inch + vg.Length(len(categories))*(vg.Length(len(groups))*barThickness+barGap)
	return drawing{p, max(height, 2*vg.Inch)}, nil
}

// offset places group g of n within its category; horizontal charts put
// the first group on top, in the legend's order.
func offset(g, n int, width vg.Length, horizontal bool) vg.Length {
	o := vg.Length(float64(g)-float64(n-1)/2) * width
	if horizontal {
		return -o
	}
	return o
}

// barWidth fits the groups' bars of every category across the chart.
func barWidth(categories, groups int, horizontal bool) vg.Length {
	if horizontal {
		return barThickness
	}
	per := (chartWidth - vg.Inch) / vg.Length(max(categories, 1))
	return min(per*0.8/vg.Length(max(groups, 1)), 28)
}

// reversed returns the categories and each group's values in reverse.
func reversed(categories []string, groups []group) ([]string, []group) {
	cs := slices.Clone(categories)
	slices.Reverse(cs)
	gs := make([]group, len(groups))
	for i, g := range groups {
		gs[i] = group{g.name, slices.Clone(g.values)}
		slices.Reverse(gs[i].values)
	}
	return cs, gs
}
