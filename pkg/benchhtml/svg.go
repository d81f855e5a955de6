package benchhtml

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// viewBox finds the drawing's coordinate box in vgsvg's <svg> tag.
var viewBox = regexp.MustCompile(`viewBox="([^"]*)"`)

// plainFont is the style vgsvg gives every text of the charts' one font.
// The page's CSS names that font with its metric-compatible stand-ins
// (Arimo, Arial), which browsers without Liberation Sans then use instead
// of their default serif; it also spares some 80 bytes a label.
var plainFont = strings.NewReplacer("font-family:Liberation Sans;font-variant:normal;font-weight:normal;font-style:normal;", "")

// inlineSVG draws p at w by h and returns it as an <svg> element for an
// HTML page. vgsvg writes a standalone file; the page needs neither its XML
// prolog nor its namespace URLs, and its fixed size would keep the chart
// from following the page's width, so the opening tag is written anew,
// with the id and data-chart attributes that readers and tests find it by.
func inlineSVG(p *plot.Plot, w, h vg.Length, id, kind string) (template.HTML, error) {
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("failed to write chart %s: %w", id, err)
	}
	doc := buf.String()
	start := strings.Index(doc, "<svg")
	end := strings.Index(doc[max(start, 0):], ">")
	if start < 0 || end < 0 {
		return "", fmt.Errorf("chart %s: gonum/plot wrote no <svg> element", id)
	}
	end += start
	box := viewBox.FindStringSubmatch(doc[start:end])
	if box == nil {
		return "", fmt.Errorf("chart %s: gonum/plot wrote an <svg> without a viewBox", id)
	}
	open := fmt.Sprintf(`<svg id="%s" data-chart="%s" class="chart" viewBox="%s" role="img">`,
		template.HTMLEscapeString(id), template.HTMLEscapeString(kind), box[1])
	return template.HTML(open + plainFont.Replace(doc[end+1:])), nil
}
