// Package kubectl implements `kmctl kubectl`, for machines without kubectl.
package kubectl

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl kubectl [--name NAME] -- ARGS`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var name string
	c := &cobra.Command{
		Use:   "kubectl [--name NAME] -- ARGS...",
		Short: "Run kubectl (from kmctl's cache) against a cluster",
		Example: "  kmctl kubectl -- get nodes\n" +
			"  kmctl kubectl --name perf -- get pods -A -o wide",
		RunE: func(c *cobra.Command, args []string) error {
			m, err := g.Manager()
			if err != nil {
				return err
			}
			return m.Kubectl(c.Context(), name, args, os.Stdin, g.Out, g.ErrOut)
		},
	}
	c.Flags().StringVar(&name, "name", cluster.DefaultName, "cluster name")
	c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return fmt.Errorf("%w (kubectl's own flags go after --: kmctl kubectl [--name NAME] -- ARGS...)", err)
	})
	return c
}
