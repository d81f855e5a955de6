// Package component implements `kmctl stop component`.
package component

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl stop component COMPONENT`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var name string
	c := &cobra.Command{
		Use:   "component COMPONENT",
		Short: "Stop one component of a cluster (e.g. kube-scheduler) and leave the rest running",
		Long: `Stop one component of a running cluster, for example the scheduler, so that
pods pile up for it; ` + "`kmctl start component`" + ` starts it again with the same
command line. The cluster shows as degraded meanwhile.`,
		Example: `  kmctl stop component kube-scheduler
  kmctl scale pod --replicas 100000
  kmctl start component kube-scheduler`,
		Args: cmd.OneComponent,
		RunE: func(c *cobra.Command, args []string) error {
			m, err := g.Manager()
			if err != nil {
				return err
			}
			if err := m.StopComponent(c.Context(), name, args[0]); err != nil {
				return fmt.Errorf("failed to stop %s of cluster %q: %w", args[0], name, err)
			}
			fmt.Fprintf(g.ErrOut, "Stopped %s of cluster %q\n", args[0], name)
			return nil
		},
	}
	c.Flags().StringVar(&name, "name", cluster.DefaultName, "cluster name")
	return c
}
