// Package cluster implements `kmctl start cluster`.
package cluster

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl start cluster`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var name string
	var wait time.Duration
	c := &cobra.Command{
		Use:   "cluster",
		Short: "Start a stopped or degraded cluster and make sure its kubeconfig context is set",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := cmd.CheckWait(wait); err != nil {
				return err
			}
			m, err := g.Manager()
			if err != nil {
				return err
			}
			if err := m.Start(c.Context(), name, wait); err != nil {
				return fmt.Errorf("failed to start cluster %q: %w", name, err)
			}
			fmt.Fprintf(g.ErrOut, "Started cluster %q; use it with `kubectl --context %s`\n", name, cluster.ContextName(name))
			return nil
		},
	}
	c.Flags().StringVar(&name, "name", cluster.DefaultName, "cluster name")
	c.Flags().DurationVar(&wait, "wait", 5*time.Minute, "how long to wait for each component to be ready")
	return c
}
