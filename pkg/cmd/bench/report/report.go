// Package report implements `kmctl bench report`.
package report

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/benchhtml"
	"github.com/kmctl/kmctl/pkg/benchreport"
	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/cmd"
)

type flagpole struct {
	output string
}

// NewCommand returns `kmctl bench report`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{}
	c := &cobra.Command{
		Use:   "report DIR",
		Short: "Render a bench run's summary.md and report.html again from its result.json",
		Long: `Render the reports of a run dir written by kmctl bench run -o DIR (or of a
result.json) again, for instance after upgrading kmctl: summary.md and the
self-contained report.html are rewritten beside each result.json, those of
every repeat (run-N/) too. -o FILE writes the Markdown report of a single
result to FILE instead, "-" to stdout.`,
		Example: `  kmctl bench report runs/a
  kmctl bench report runs/a/run-2 -o -`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runE(g, f, args[0])
		},
	}
	c.Flags().StringVarP(&f.output, "output", "o", "", `write the report to FILE ("-" for stdout) instead of summary.md beside result.json`)
	return c
}

func runE(g *cmd.Globals, f *flagpole, dir string) error {
	if f.output == "" {
		written, err := benchreport.Rerender(dir)
		if err == nil {
			var html []string
			html, err = benchhtml.Rerender(dir)
			written = append(written, html...)
		}
		for _, w := range written {
			fmt.Fprintf(g.ErrOut, "Wrote %s\n", w)
		}
		return err
	}
	files, err := benchresult.Files(dir)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%s holds %d results; -o takes one: give one of its run-N dirs", dir, len(files))
	}
	if f.output != "-" {
		return benchreport.RenderFile(files[0], f.output)
	}
	r, err := benchresult.Read(files[0])
	if err != nil {
		return err
	}
	return benchreport.Markdown(g.Out, r)
}
