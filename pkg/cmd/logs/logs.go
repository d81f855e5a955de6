// Package logs implements `kmctl logs`.
package logs

import (
	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl logs COMPONENT`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var name string
	var follow bool
	c := &cobra.Command{
		Use:   "logs COMPONENT",
		Short: "Print a component's log (etcd, kube-apiserver, kube-scheduler, ...)",
		Args:  cmd.OneComponent,
		RunE: func(c *cobra.Command, args []string) error {
			m, err := g.Manager()
			if err != nil {
				return err
			}
			return m.Logs(c.Context(), name, args[0], follow, g.Out)
		},
	}
	c.Flags().StringVar(&name, "name", cluster.DefaultName, "cluster name")
	c.Flags().BoolVarP(&follow, "follow", "f", false, "keep printing new lines")
	return c
}
