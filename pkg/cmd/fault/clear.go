package fault

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/fault"
	"github.com/kmctl/kmctl/pkg/scale"
)

func newClearCommand(g *cmd.Globals) *cobra.Command {
	c := &cobra.Command{
		Use:   "clear",
		Short: "Clear the faults of nodes or pods",
	}
	c.AddCommand(newClearNodeCommand(g), newClearPodCommand(g))
	return c
}

func newClearNodeCommand(g *cmd.Globals) *cobra.Command {
	var name string
	var t fault.Target
	var faults []string
	c := &cobra.Command{
		Use:     "node [NAME...]",
		Short:   "Clear node faults (every one, or those of --condition)",
		Example: "  kmctl fault clear node kmctl-node-0\n  kmctl fault clear node -l pool=gpu --condition MemoryPressure",
		RunE: func(c *cobra.Command, args []string) error {
			t.Names = args
			return change(c, g, name, func() error { return t.Validate("node") }, "node", "cleared",
				func(ctx context.Context, cl *scale.Cluster) ([]string, error) {
					return fault.ClearNodes(ctx, cl.Client, t, faults)
				})
		},
	}
	clusterFlag(c.Flags(), &name)
	targetFlags(c.Flags(), &t, false)
	c.Flags().StringSliceVar(&faults, "condition", nil, "the faults to clear (default: all), any of "+faultNames)
	return c
}

func newClearPodCommand(g *cmd.Globals) *cobra.Command {
	var name string
	var t fault.Target
	c := &cobra.Command{
		Use:     "pod [NAME...]",
		Short:   "Clear the scripted faults of pods",
		Example: "  kmctl fault clear pod -l app=web",
		RunE: func(c *cobra.Command, args []string) error {
			t.Names = args
			return change(c, g, name, func() error { return t.Validate("pod") }, "pod", "cleared",
				func(ctx context.Context, cl *scale.Cluster) ([]string, error) {
					return fault.ClearPods(ctx, cl.Client, t)
				})
		},
	}
	clusterFlag(c.Flags(), &name)
	targetFlags(c.Flags(), &t, true)
	return c
}
