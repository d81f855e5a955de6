// Package compare implements `kmctl bench compare`.
package compare

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/benchcompare"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// The output formats.
const (
	formatText      = "text"
	formatMarkdown  = "markdown"
	formatBenchstat = "benchstat"
)

type flagpole struct {
	format string
	output string
}

// NewCommand returns `kmctl bench compare`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{}
	c := &cobra.Command{
		Use:   "compare DIR_A DIR_B [DIR...]",
		Short: "Compare the results of two or more bench runs, with deltas and significance",
		Long: `Compare run dirs written by kmctl bench run -o DIR (or their result.json):
for every measured op they share, by name, each figure per run dir and its
change from the first. A dir of --repeat runs (run-1/, run-2/...) counts
as one side, its value the median over its runs; with 3 runs or more on
both sides, a change that the Mann-Whitney U test at alpha 0.05 does not
find significant shows as "~" with its p-value, as benchstat shows it.

The text table goes to stdout; -o FILE writes the --format (markdown for a
.md file) to FILE as well. --format benchstat writes Go benchmark format,
one line per run, op and figure group, for benchstat itself
(benchstat -col run FILE); it takes a single dir too.`,
		Example: `  kmctl bench compare runs/a runs/b
  kmctl bench compare runs/a runs/b runs/c -o compare.md
  kmctl bench compare runs/a runs/b --format benchstat > runs.txt && benchstat -col run runs.txt`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runE(g, f, args)
		},
	}
	c.Flags().StringVar(&f.format, "format", "", "output format: text, markdown or benchstat (default: markdown for an -o FILE.md, else text)")
	c.Flags().StringVarP(&f.output, "output", "o", "", "also write the comparison to FILE")
	return c
}

func runE(g *cmd.Globals, f *flagpole, dirs []string) error {
	format, err := pickFormat(f, len(dirs))
	if err != nil {
		return err
	}
	sides, err := benchcompare.LoadAll(dirs)
	if err != nil {
		return err
	}
	var comp *benchcompare.Comparison
	if len(sides) > 1 {
		if comp, err = benchcompare.Compare(sides); err != nil {
			return err
		}
	}
	if f.output == "" {
		return write(g.Out, format, sides, comp)
	}
	if err := writeFile(f.output, format, sides, comp); err != nil {
		return err
	}
	fmt.Fprintf(g.ErrOut, "Wrote %s\n", f.output)
	if comp == nil {
		return nil
	}
	return benchcompare.WriteText(g.Out, comp)
}

// pickFormat checks --format against the number of dirs.
func pickFormat(f *flagpole, dirs int) (string, error) {
	format := f.format
	if format == "" {
		format = formatText
		if strings.HasSuffix(f.output, ".md") {
			format = formatMarkdown
		}
	}
	switch format {
	case formatText, formatMarkdown, formatBenchstat:
	default:
		return "", fmt.Errorf("unknown --format %q; use text, markdown or benchstat", f.format)
	}
	if dirs < 2 && format != formatBenchstat {
		return "", fmt.Errorf("compare needs two run dirs or more, got %d (--format benchstat takes one)", dirs)
	}
	return format, nil
}

// write renders the comparison, or the runs for benchstat, to w.
func write(w io.Writer, format string, sides []*benchcompare.Side, comp *benchcompare.Comparison) error {
	switch format {
	case formatBenchstat:
		return benchcompare.WriteBenchstat(w, sides)
	case formatMarkdown:
		return benchcompare.WriteMarkdown(w, comp)
	}
	return benchcompare.WriteText(w, comp)
}

func writeFile(path, format string, sides []*benchcompare.Side, comp *benchcompare.Comparison) error {
	var buf bytes.Buffer
	if err := write(&buf, format, sides, comp); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("failed to write the comparison: %w", err)
	}
	return nil
}
