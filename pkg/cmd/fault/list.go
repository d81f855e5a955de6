package fault

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/fault"
)

func newListCommand(g *cmd.Globals) *cobra.Command {
	var name, namespace, output string
	c := &cobra.Command{
		Use:   "list",
		Short: "List the faults in force on nodes and pods",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if output != "" && output != "json" {
				return fmt.Errorf("--output %q: only json, or nothing for a table", output)
			}
			cl, err := connect(c.Context(), g, name)
			if err != nil {
				return err
			}
			entries, err := fault.List(c.Context(), cl.Client, namespace, time.Now())
			if err != nil {
				return err
			}
			if output == "json" {
				enc := json.NewEncoder(g.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(append([]fault.Entry{}, entries...))
			}
			return table(g, entries)
		},
	}
	clusterFlag(c.Flags(), &name)
	c.Flags().StringVarP(&namespace, "namespace", "n", "", "only the pods of this namespace (default: every namespace)")
	c.Flags().StringVarP(&output, "output", "o", "", "json, or a table when empty")
	return c
}

func table(g *cmd.Globals, entries []fault.Entry) error {
	if len(entries) == 0 {
		fmt.Fprintln(g.ErrOut, "No faults in force.")
		return nil
	}
	w := tabwriter.NewWriter(g.Out, 0, 4, 3, ' ', 0)
	fmt.Fprintln(w, "KIND\tNAMESPACE\tNAME\tFAULT\tUNTIL")
	for _, e := range entries {
		until := e.Until
		if until == "" {
			until = "cleared"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", e.Kind, e.Namespace, e.Name, e.Fault, until)
	}
	return w.Flush()
}
