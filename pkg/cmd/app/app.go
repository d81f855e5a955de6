// Package app wires kmctl's commands together and runs them.
package app

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/cmd/benchmark"
	buildbinaries "github.com/kmctl/kmctl/pkg/cmd/build/binaries"
	buildimages "github.com/kmctl/kmctl/pkg/cmd/build/images"
	createcluster "github.com/kmctl/kmctl/pkg/cmd/create/cluster"
	deletecluster "github.com/kmctl/kmctl/pkg/cmd/delete/cluster"
	getclusters "github.com/kmctl/kmctl/pkg/cmd/get/clusters"
	getkubeconfig "github.com/kmctl/kmctl/pkg/cmd/get/kubeconfig"
	"github.com/kmctl/kmctl/pkg/cmd/kubectl"
	"github.com/kmctl/kmctl/pkg/cmd/logs"
	scalenode "github.com/kmctl/kmctl/pkg/cmd/scale/node"
	scalepod "github.com/kmctl/kmctl/pkg/cmd/scale/pod"
	"github.com/kmctl/kmctl/pkg/cmd/simulate"
	startcluster "github.com/kmctl/kmctl/pkg/cmd/start/cluster"
	startcomponent "github.com/kmctl/kmctl/pkg/cmd/start/component"
	stopcluster "github.com/kmctl/kmctl/pkg/cmd/stop/cluster"
	stopcomponent "github.com/kmctl/kmctl/pkg/cmd/stop/component"
)

// Main runs kmctl with args and returns the process exit code. Ctrl-C cancels
// the running command, which cleans up before returning.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := NewRootCommand(&cmd.Globals{Out: os.Stdout, ErrOut: os.Stderr})
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ERROR: %v\n", err)
		return 1
	}
	return 0
}

// NewRootCommand builds the kmctl command tree.
func NewRootCommand(g *cmd.Globals) *cobra.Command {
	root := &cobra.Command{
		Use:           "kmctl",
		Short:         "kmctl stands up simulated Kubernetes clusters to load-test the control plane",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(g.Out)
	root.SetErr(g.ErrOut)
	root.PersistentFlags().IntVarP(&g.Verbosity, "verbosity", "v", 0, "log verbosity (1 shows each step)")
	root.AddCommand(
		group("create", "Create a cluster", createcluster.NewCommand(g)),
		group("delete", "Delete a cluster", deletecluster.NewCommand(g)),
		group("get", "Get clusters or a kubeconfig", getclusters.NewCommand(g), getkubeconfig.NewCommand(g)),
		group("start", "Start a stopped cluster, or one component", startcluster.NewCommand(g), startcomponent.NewCommand(g)),
		group("stop", "Stop a cluster, keeping its data, or one component", stopcluster.NewCommand(g), stopcomponent.NewCommand(g)),
		group("scale", "Create or delete fake nodes and pods", scalenode.NewCommand(g), scalepod.NewCommand(g)),
		group("build", "Build component binaries and images ahead of time", buildbinaries.NewCommand(g), buildimages.NewCommand(g)),
		logs.NewCommand(g),
		kubectl.NewCommand(g),
		simulate.NewCommand(g),
		benchmark.NewCommand(g),
	)
	return root
}

func group(use, short string, children ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{Use: use, Short: short, Args: cobra.NoArgs, RunE: func(c *cobra.Command, _ []string) error {
		return c.Help()
	}}
	c.AddCommand(children...)
	return c
}
