// Package images implements `kmctl build images`.
package images

import (
	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/artifacts"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl build images`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var v artifacts.Versions
	c := &cobra.Command{
		Use:   "images",
		Short: "Make every component's image ready for the docker runtime (built locally from the binaries when it cannot be pulled)",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			m, err := g.Manager()
			if err != nil {
				return err
			}
			return m.BuildImages(c.Context(), v)
		},
	}
	cmd.AddVersionFlags(c.Flags(), &v)
	return c
}
