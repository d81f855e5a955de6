// Package cluster implements `kmctl delete cluster`.
package cluster

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

type flagpole struct {
	name  string
	all   bool
	prune bool
}

// NewCommand returns `kmctl delete cluster`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{}
	c := &cobra.Command{
		Use:   "cluster",
		Short: "Stop a cluster's components and remove its files and kubeconfig context",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runE(c, g, f)
		},
	}
	c.Flags().StringVar(&f.name, "name", cluster.DefaultName, "cluster name")
	c.Flags().BoolVar(&f.all, "all", false, "delete every cluster")
	c.Flags().BoolVar(&f.prune, "prune-images", false, "also remove the images kmctl built for the cluster (docker runtime)")
	return c
}

func runE(c *cobra.Command, g *cmd.Globals, f *flagpole) error {
	m, err := g.Manager()
	if err != nil {
		return err
	}
	names := []string{f.name}
	if f.all {
		if names, err = cluster.List(m.Home); err != nil {
			return err
		}
	}
	var opts []cluster.DeleteOption
	if f.prune {
		opts = append(opts, cluster.WithPrunedImages())
	}
	var errs []error
	for _, name := range names {
		if err := m.Delete(c.Context(), name, opts...); err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(g.ErrOut, "Deleted cluster %q\n", name)
	}
	return errors.Join(errs...)
}
