// Package fault implements `kmctl fault`: node and pod faults the cluster's
// simulator plays, set, cleared and listed.
package fault

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/fault"
	"github.com/kmctl/kmctl/pkg/scale"
	"github.com/kmctl/kmctl/pkg/simulator"
)

// NewCommand returns `kmctl fault` and its subcommands.
func NewCommand(g *cmd.Globals) *cobra.Command {
	c := &cobra.Command{
		Use:   "fault",
		Short: "Put faults on simulated nodes and pods, clear and list them",
		Long: `Faults are annotations on the nodes and pods (kmctl.dev/faults on nodes,
kmctl.dev/fail-after, ready and fault-until on pods) that the cluster's
simulator plays as a kubelet would show them. They stay on the objects, so
they survive a simulator restart; each lasts --for, or until cleared.`,
	}
	c.AddCommand(newNodeCommand(g), newPodCommand(g), newClearCommand(g), newListCommand(g))
	return c
}

// clusterFlag adds --name.
func clusterFlag(fs *pflag.FlagSet, name *string) {
	fs.StringVar(name, "name", cluster.DefaultName, "cluster name")
}

// targetFlags adds --selector, and for pods --namespace and --all-namespaces.
func targetFlags(fs *pflag.FlagSet, t *fault.Target, pods bool) {
	fs.StringVarP(&t.Selector, "selector", "l", "", "label selector of the objects, instead of names")
	if pods {
		fs.StringVarP(&t.Namespace, "namespace", "n", "default", "namespace of the pods")
		fs.BoolVarP(&t.AllNamespaces, "all-namespaces", "A", false, "pods of every namespace (with --selector)")
	}
}

// connect returns the running cluster name.
func connect(ctx context.Context, g *cmd.Globals, name string) (*scale.Cluster, error) {
	m, err := g.Manager()
	if err != nil {
		return nil, err
	}
	return scale.Connect(ctx, m, name, g.ErrOut)
}

// change checks the flags with validate, connects to the cluster and
// writes with write, printing "<kind>/<name> <what>" for each object
// written, as kubectl does.
func change(c *cobra.Command, g *cmd.Globals, cluster string, validate func() error, kind, what string,
	write func(context.Context, *scale.Cluster) ([]string, error)) error {
	if err := validate(); err != nil {
		return err
	}
	cl, err := connect(c.Context(), g, cluster)
	if err != nil {
		return err
	}
	changed, err := write(c.Context(), cl)
	report(g, kind, changed, what)
	return err
}

// report prints one line per object changed, as kubectl does.
func report(g *cmd.Globals, kind string, names []string, what string) {
	for _, n := range names {
		if kind == "pod" {
			n = n[strings.Index(n, "/")+1:]
		}
		fmt.Fprintf(g.Out, "%s/%s %s\n", kind, n, what)
	}
}

// faultNames is the list of node faults for help texts.
var faultNames = strings.Join(simulator.NodeFaults, ", ")
