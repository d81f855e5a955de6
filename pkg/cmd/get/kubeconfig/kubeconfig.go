// Package kubeconfig implements `kmctl get kubeconfig`.
package kubeconfig

import (
	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl get kubeconfig`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var name string
	c := &cobra.Command{
		Use:   "kubeconfig",
		Short: "Print the cluster's admin kubeconfig",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			m, err := g.Manager()
			if err != nil {
				return err
			}
			data, err := m.Kubeconfig(name)
			if err != nil {
				return err
			}
			_, err = g.Out.Write(data)
			return err
		},
	}
	c.Flags().StringVar(&name, "name", cluster.DefaultName, "cluster name")
	return c
}
