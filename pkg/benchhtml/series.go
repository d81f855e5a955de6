package benchhtml

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// maxPoints bounds each line's points, so that an hour-long timeline keeps
// the file small; a chart 650 px wide shows no more anyway.
const maxPoints = 1000

// series is one named line.
type series struct {
	name   string
	xys    plotter.XYs
	dashed bool
}

// add appends a point, leaving out values a chart cannot place (the tables
// keep the exact figures).
func (s *series) add(x, y float64) {
	if isFinite(x) && isFinite(y) {
		s.xys = append(s.xys, plotter.XY{X: x, Y: y})
	}
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// downsample keeps at most limit points of xys: in each of limit/2 runs of
// consecutive points, the lowest and the highest, in their order, so peaks
// and troughs (a throughput's max, a queue's drain) survive.
func downsample(xys plotter.XYs, limit int) plotter.XYs {
	if len(xys) <= limit || limit < 2 {
		return xys
	}
	runs := limit / 2
	out := make(plotter.XYs, 0, 2*runs)
	for r := 0; r < runs; r++ {
		from, to := r*len(xys)/runs, (r+1)*len(xys)/runs
		lo, hi := from, from
		for i := from; i < to; i++ {
			if xys[i].Y < xys[lo].Y {
				lo = i
			}
			if xys[i].Y > xys[hi].Y {
				hi = i
			}
		}
		out = append(out, xys[min(lo, hi)])
		if lo != hi {
			out = append(out, xys[max(lo, hi)])
		}
	}
	return out
}

// lineChart draws each non-empty series as a line; it returns no plot when
// all are empty. The y axis starts at zero and leaves headroom above the
// data for the legend.
func lineChart(xLabel, yLabel string, ss []series) (drawing, error) {
	p := newPlot(xLabel, yLabel)
	drawn := 0
	for i, s := range ss {
		if len(s.xys) == 0 {
			continue
		}
		l, err := plotter.NewLine(downsample(s.xys, maxPoints))
		if err != nil {
			return drawing{}, err
		}
		l.Color, l.Width = colour(i), vg.Points(1.5)
		if s.dashed {
			l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		}
		p.Add(l)
		p.Legend.Add(s.name, l)
		drawn++
	}
	if drawn == 0 {
		return drawing{}, nil
	}
	withHeadroom(p, drawn)
	p.Add(plotter.NewGrid())
	return drawing{p, chartHeight}, nil
}

// withHeadroom puts the y axis' floor at zero and raises its top by a line
// of legend per entry.
func withHeadroom(p *plot.Plot, entries int) {
	p.Y.Min = 0
	if p.Y.Max <= 0 {
		p.Y.Max = 1
	}
	p.Y.Max *= 1 + 0.09*float64(entries)
}
