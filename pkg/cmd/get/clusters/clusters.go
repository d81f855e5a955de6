// Package clusters implements `kmctl get clusters`.
package clusters

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl get clusters`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	return &cobra.Command{
		Use:     "clusters",
		Aliases: []string{"cluster"},
		Short:   "List clusters with their runtime, version and status",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runE(c, g)
		},
	}
}

func runE(c *cobra.Command, g *cmd.Globals) error {
	m, err := g.Manager()
	if err != nil {
		return err
	}
	names, err := cluster.List(m.Home)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		fmt.Fprintln(g.ErrOut, "No clusters found; create one with `kmctl create cluster`.")
		return nil
	}
	w := tabwriter.NewWriter(g.Out, 0, 4, 3, ' ', 0)
	fmt.Fprintln(w, "NAME\tRUNTIME\tVERSION\tSTATUS")
	for _, name := range names {
		st, err := m.Status(c.Context(), name)
		if err != nil {
			fmt.Fprintf(w, "%s\t%s\t%s\terror: %v\n", name, dash(st.Runtime), dash(st.Version), err)
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", st.Name, dash(st.Runtime), dash(st.Version), st)
	}
	return w.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
