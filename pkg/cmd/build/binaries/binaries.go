// Package binaries implements `kmctl build binaries`.
package binaries

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/artifacts"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// NewCommand returns `kmctl build binaries`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	var v artifacts.Versions
	c := &cobra.Command{
		Use:   "binaries",
		Short: "Build etcd, the Kubernetes control plane, kubectl and Prometheus from source into the cache",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			r := &artifacts.Resolver{CacheDir: artifacts.DefaultCacheDir(os.Getenv), Out: g.ErrOut}
			return r.EnsureAll(c.Context(), v)
		},
	}
	cmd.AddVersionFlags(c.Flags(), &v)
	return c
}
