// Package component implements `kmctl start component`.
package component

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl start component COMPONENT`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var name string
	var wait time.Duration
	c := &cobra.Command{
		Use:   "component COMPONENT",
		Short: "Start one stopped component of a cluster and wait until it is ready",
		Long: `Start one stopped component of a cluster with the command line it was created
with, and wait until its health endpoint answers. The components it depends
on (etcd for the apiserver, the apiserver for the others) must be running.`,
		Example: `  kmctl start component kube-scheduler`,
		Args:    cmd.OneComponent,
		RunE: func(c *cobra.Command, args []string) error {
			if err := cmd.CheckWait(wait); err != nil {
				return err
			}
			m, err := g.Manager()
			if err != nil {
				return err
			}
			if err := m.StartComponent(c.Context(), name, args[0], wait); err != nil {
				return fmt.Errorf("failed to start %s of cluster %q: %w", args[0], name, err)
			}
			fmt.Fprintf(g.ErrOut, "Started %s of cluster %q\n", args[0], name)
			return nil
		},
	}
	c.Flags().StringVar(&name, "name", cluster.DefaultName, "cluster name")
	c.Flags().DurationVar(&wait, "wait", 5*time.Minute, "how long to wait for the component to be ready")
	return c
}
