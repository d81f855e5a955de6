package benchcompare

import (
	"fmt"
	"io"
	"strings"

	"github.com/kmctl/kmctl/pkg/benchreport"
)

// WriteMarkdown writes the comparison as Markdown: a table of the sides,
// then a table per op, then the notes.
func WriteMarkdown(w io.Writer, c *Comparison) error {
	var b strings.Builder
	b.WriteString("# kmctl bench compare\n\n")
	benchreport.Table(&b, []string{"side", "run", "runs", "workload"}, c.legend())
	for _, p := range c.preamble() {
		b.WriteString("\n" + p + "\n")
	}
	for _, op := range c.Ops {
		fmt.Fprintf(&b, "\n## op %s\n\n", op.Name)
		rows := make([][]string, len(op.Rows))
		for i, r := range op.Rows {
			rows[i] = c.cells(r)
		}
		benchreport.Table(&b, c.header(), rows)
	}
	if len(c.Notes) > 0 {
		b.WriteString("\n## Notes\n\n")
		for _, n := range c.Notes {
			b.WriteString("- " + n + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
