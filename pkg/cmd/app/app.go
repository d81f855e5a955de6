// Package app wires kmctl's commands together and runs them.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
	benchcompare "github.com/kmctl/kmctl/pkg/cmd/bench/compare"
	benchlist "github.com/kmctl/kmctl/pkg/cmd/bench/list"
	benchreport "github.com/kmctl/kmctl/pkg/cmd/bench/report"
	benchrun "github.com/kmctl/kmctl/pkg/cmd/bench/run"
	"github.com/kmctl/kmctl/pkg/cmd/benchmark"
	buildbinaries "github.com/kmctl/kmctl/pkg/cmd/build/binaries"
	buildimages "github.com/kmctl/kmctl/pkg/cmd/build/images"
	createcluster "github.com/kmctl/kmctl/pkg/cmd/create/cluster"
	deletecluster "github.com/kmctl/kmctl/pkg/cmd/delete/cluster"
	"github.com/kmctl/kmctl/pkg/cmd/fault"
	getclusters "github.com/kmctl/kmctl/pkg/cmd/get/clusters"
	getkubeconfig "github.com/kmctl/kmctl/pkg/cmd/get/kubeconfig"
	"github.com/kmctl/kmctl/pkg/cmd/kubectl"
	"github.com/kmctl/kmctl/pkg/cmd/logs"
	"github.com/kmctl/kmctl/pkg/cmd/profile"
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
	err := root.ExecuteContext(ctx)
	var status cluster.ExitStatus
	if errors.As(err, &status) {
		return int(status) // kubectl has said what went wrong
	}
	if err != nil {
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
		fault.NewCommand(g),
		logs.NewCommand(g),
		kubectl.NewCommand(g),
		simulate.NewCommand(g),
		group("bench", "Run workloads on a cluster, measure the scheduler, compare runs", benchlist.NewCommand(g), benchrun.NewCommand(g), benchcompare.NewCommand(g), benchreport.NewCommand(g)),
		benchmark.NewCommand(g),
		profile.NewCommand(g),
	)
	return root
}

// group returns a command that only holds children. It parses no flags of
// its own: when cobra finds no child in the arguments, the group gets them
// all and says which word is not a child (with cobra's "did you mean"), not
// that a child's flag is unknown to it.
func group(use, short string, children ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{
		Use: use, Short: short,
		DisableFlagParsing:         true,
		DisableFlagsInUseLine:      true,
		SuggestionsMinimumDistance: 2,
		Args:                       cobra.ArbitraryArgs,
		RunE:                       runGroup,
	}
	c.AddCommand(children...)
	return c
}

// runGroup shows the group's help, or says that its arguments name no child.
func runGroup(c *cobra.Command, args []string) error {
	if len(args) == 0 || slices.Contains(args, "-h") || slices.Contains(args, "--help") {
		return c.Help()
	}
	word := firstWord(args)
	if word == "" && onlyGlobalFlags(c, args) {
		return c.Help() // `kmctl scale -v 1`, as before groups stopped parsing flags
	}
	if word == "" {
		return fmt.Errorf("%s needs a subcommand: %s\nRun '%s --help' for usage",
			c.CommandPath(), strings.Join(childNames(c), ", "), c.CommandPath())
	}
	var hint strings.Builder
	if s := c.SuggestionsFor(word); len(s) > 0 {
		hint.WriteString("\n\nDid you mean this?\n")
		for _, name := range s {
			fmt.Fprintf(&hint, "\t%s\n", name)
		}
	}
	return fmt.Errorf("unknown command %q for %q%s\nRun '%s --help' for usage",
		word, c.CommandPath(), hint.String(), c.CommandPath())
}

// firstWord returns the first argument that is neither a flag nor a flag's
// value; like cobra, it takes a flag without "=" (--name x, -n x, but not
// -n2) to have a value.
func firstWord(args []string) string {
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			return ""
		case strings.HasPrefix(a, "-"):
			if takesNext(a) {
				i++
			}
		default:
			return a
		}
	}
	return ""
}

// takesNext reports whether a flag argument leaves its value to the next one.
func takesNext(flag string) bool {
	if strings.Contains(flag, "=") {
		return false
	}
	return strings.HasPrefix(flag, "--") || len(flag) == 2
}

// onlyGlobalFlags reports whether args are only the root's persistent flags
// (such as -v 1) and their values.
func onlyGlobalFlags(c *cobra.Command, args []string) bool {
	global := c.Root().PersistentFlags()
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") {
			return false
		}
		known := global.Lookup(name) != nil
		if len(a) >= 2 && a[1] != '-' {
			known = global.ShorthandLookup(name[:1]) != nil
		}
		if !known {
			return false
		}
		if takesNext(a) {
			i++
		}
	}
	return true
}

// childNames lists the names of the commands c holds.
func childNames(c *cobra.Command) []string {
	var names []string
	for _, child := range c.Commands() {
		if child.IsAvailableCommand() {
			names = append(names, child.Name())
		}
	}
	return names
}
