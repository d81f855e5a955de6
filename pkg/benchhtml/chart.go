package benchhtml

import (
	"fmt"
	"html/template"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// Every chart is drawn this wide; the page scales it to its column.
const (
	chartWidth  = 9 * vg.Inch
	chartHeight = 3.6 * vg.Inch
)

// chart is one figure of a measured op: an inline SVG, or a note saying
// why there is none.
type chart struct {
	ID, Kind, Title string
	SVG             template.HTML
	Note            string
}

// drawing is a plot and the height it needs (bar charts grow with their
// categories); a nil plot means there is nothing to draw.
type drawing struct {
	plot   *plot.Plot
	height vg.Length
}

// chartSpec says how one kind of chart is drawn from an op's metrics.
type chartSpec struct {
	kind, title string
	draw        func(m *benchresult.Metrics) (drawing, error)
}

// opCharts are the charts of every measured op, in page order.
var opCharts = []chartSpec{
	{"throughput", "Scheduling throughput: pods bound per window", throughputChart},
	{"pods", "Pods bound and Running", podsChart},
	{"pending", "Pending pods by scheduler queue", pendingChart},
	{"cpu", "CPU by component", cpuChart},
	{"startup", "Pod startup latency by phase", startupChart},
	{"attempts", "Scheduling attempt duration (scheduled)", attemptsChart},
	{"extension-points", "Extension point latency", extensionPointsChart},
	{"plugins", "Plugin latency, slowest 15 by p99", pluginsChart},
}

// ChartKinds lists the charts each measured op gets, in page order; each
// chart's <svg> carries data-chart="KIND" and id "op<INDEX>-KIND".
func ChartKinds() []string {
	kinds := make([]string, len(opCharts))
	for i, s := range opCharts {
		kinds[i] = s.kind
	}
	return kinds
}

// ChartID is the id of an op's chart of a kind.
func ChartID(opIndex int, kind string) string {
	return fmt.Sprintf("op%d-%s", opIndex, kind)
}

// opChartsOf draws every chart of one measured op. A chart that has no
// data or fails to draw becomes a note, so the rest of the report stands.
func opChartsOf(op benchresult.Op) []chart {
	out := make([]chart, len(opCharts))
	for i, s := range opCharts {
		c := chart{ID: ChartID(op.Index, s.kind), Kind: s.kind, Title: s.title}
		d, err := s.draw(op.Metrics)
		switch {
		case err != nil:
			c.Note = "could not draw this chart: " + err.Error()
		case d.plot == nil:
			c.Note = "no data"
		default:
			c.SVG, err = inlineSVG(d.plot, chartWidth, d.height, c.ID, c.Kind)
			if err != nil {
				c.Note = err.Error()
			}
		}
		out[i] = c
	}
	return out
}

// newPlot is a plot with the report's look: sans-serif text and the legend
// in the top left, where lines that start at zero leave room.
func newPlot(xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	for _, s := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		s.Font.Variant = "Sans"
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(8)
	return p
}

// palette tells series apart in print and for most colour-blind readers
// (Okabe and Ito's eight colours, black last).
var palette = []color.Color{
	color.RGBA{0x00, 0x72, 0xB2, 0xFF}, color.RGBA{0xE6, 0x9F, 0x00, 0xFF},
	color.RGBA{0x00, 0x9E, 0x73, 0xFF}, color.RGBA{0xD5, 0x5E, 0x00, 0xFF},
	color.RGBA{0xCC, 0x79, 0xA7, 0xFF}, color.RGBA{0x56, 0xB4, 0xE9, 0xFF},
	color.RGBA{0xF0, 0xE4, 0x42, 0xFF}, color.RGBA{0x00, 0x00, 0x00, 0xFF},
}

func colour(i int) color.Color { return palette[i%len(palette)] }
