package fault

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"k8s.io/client-go/kubernetes"

	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/fault"
)

func newNodeCommand(g *cmd.Globals) *cobra.Command {
	var name string
	var r fault.NodeRequest
	c := &cobra.Command{
		Use:   "node [NAME...]",
		Short: "Make nodes NotReady, Unknown or under pressure",
		Long: `Make simulated nodes show a fault: ` + faultNames + `.
NotReady reports Ready=False while the lease stays renewed. Unknown plays a
kubelet that died: the simulator stops renewing the node's lease and writing
its node's and pods' status, so the controller-manager marks it Unknown after
its node monitor grace period, taints it unreachable and evicts its pods
(after their tolerationSeconds, 300 s by default). The pressure conditions
and NetworkUnavailable are set True, which taints the node NoSchedule.
A fault lasts --for, or until ` + "`kmctl fault clear node`" + `.`,
		Example: `  kmctl fault node kmctl-node-0 --condition NotReady --for 5m
  kmctl fault node -l pool=gpu --condition MemoryPressure,DiskPressure
  kmctl fault node kmctl-node-1 --condition Unknown`,
		RunE: func(c *cobra.Command, args []string) error {
			r.Names = args
			return change(c, g, name, r.Validate, "node", "faulted: "+strings.Join(r.Faults, ",")+lasting(r.For),
				func(ctx context.Context, client kubernetes.Interface) ([]string, error) {
					return fault.SetNodes(ctx, client, r, time.Now())
				})
		},
	}
	clusterFlag(c.Flags(), &name)
	targetFlags(c.Flags(), &r.Target, false)
	c.Flags().StringSliceVar(&r.Faults, "condition", nil, "the faults, any of "+faultNames)
	c.Flags().DurationVar(&r.For, "for", 0, "how long the fault lasts (0: until cleared)")
	return c
}

// lasting says how long a fault lasts.
func lasting(d time.Duration) string {
	if d == 0 {
		return " until cleared"
	}
	return fmt.Sprintf(" for %s", d)
}
