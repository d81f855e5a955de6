// Package cluster implements `kmctl stop cluster`.
package cluster

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl stop cluster`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var name string
	c := &cobra.Command{
		Use:   "cluster",
		Short: "Stop a cluster's components; its data stays for `kmctl start cluster`",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			m, err := g.Manager()
			if err != nil {
				return err
			}
			if err := m.Stop(c.Context(), name); err != nil {
				return fmt.Errorf("failed to stop cluster %q: %w", name, err)
			}
			fmt.Fprintf(g.ErrOut, "Stopped cluster %q\n", name)
			return nil
		},
	}
	c.Flags().StringVar(&name, "name", cluster.DefaultName, "cluster name")
	return c
}
