package benchcompare

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText writes the comparison as aligned tables, one per op.
func WriteText(w io.Writer, c *Comparison) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, l := range c.legend() {
		fmt.Fprintln(tw, strings.Join(l, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, p := range c.preamble() {
		fmt.Fprintln(w, p)
	}
	for _, op := range c.Ops {
		fmt.Fprintf(w, "\nop %s\n", op.Name)
		fmt.Fprintln(tw, strings.Join(c.header(), "\t"))
		for _, r := range op.Rows {
			fmt.Fprintln(tw, strings.Join(c.cells(r), "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(c.Notes) > 0 {
		fmt.Fprintln(w, "\nnotes:")
		for _, n := range c.Notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
	return nil
}
