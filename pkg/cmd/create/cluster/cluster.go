// Package cluster implements `kmctl create cluster`.
package cluster

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

type flagpole struct {
	name   string
	dryRun bool
	create *cmd.CreateFlags
}

// NewCommand returns `kmctl create cluster`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{}
	c := &cobra.Command{
		Use:   "cluster",
		Short: "Create a simulated cluster and make its context current",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runE(c, g, f)
		},
	}
	fs := c.Flags()
	fs.StringVar(&f.name, "name", cluster.DefaultName, "cluster name")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print every file and process create would make, and do nothing")
	f.create = cmd.AddCreateFlags(fs)
	return c
}

func runE(c *cobra.Command, g *cmd.Globals, f *flagpole) error {
	cfg, err := f.create.Config(f.name)
	if err != nil {
		return err
	}
	m, err := g.Manager()
	if err != nil {
		return err
	}
	start := time.Now()
	err = m.Create(c.Context(), cfg, cluster.CreateOptions{Wait: f.create.Wait(), DryRun: f.dryRun, Plan: g.Out})
	if err != nil || f.dryRun {
		return err
	}
	printReady(g, &cfg, m, time.Since(start))
	return nil
}
