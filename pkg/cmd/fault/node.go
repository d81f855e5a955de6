package fault

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/fault"
	"github.com/kmctl/kmctl/pkg/scale"
	"github.com/kmctl/kmctl/pkg/simulator"
)

func newNodeCommand(g *cmd.Globals) *cobra.Command {
	var name string
	var r fault.NodeRequest
	var restart bool
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
Unknown shows only after the cluster's --node-monitor-grace-period (1h by
default): create the cluster with --node-monitor-grace-period 40s to see it
within a minute.
A fault lasts --for, or until ` + "`kmctl fault clear node`" + `.
--restart-kubelet plays a kubelet restart instead: the simulator lists the
node's pods again, writes the node's status and renews its lease at once,
and containers with a readiness probe are not ready until it passes again
(its initial delay and up to one period later); containers keep running.`,
		Example: `  kmctl fault node kmctl-node-0 --condition NotReady --for 5m
  kmctl fault node -l pool=gpu --condition MemoryPressure,DiskPressure
  kmctl fault node kmctl-node-1 --condition Unknown
  kmctl fault node -l pool=gpu --restart-kubelet`,
		RunE: func(c *cobra.Command, args []string) error {
			r.Names = args
			if restart {
				return restartKubelets(c, g, name, r)
			}
			return change(c, g, name, r.Validate, "node", "faulted: "+strings.Join(r.Faults, ",")+lasting(r.For),
				func(ctx context.Context, cl *scale.Cluster) ([]string, error) {
					noteGrace(g, cl, r.Faults)
					return fault.SetNodes(ctx, cl.Client, r, time.Now())
				})
		},
	}
	clusterFlag(c.Flags(), &name)
	targetFlags(c.Flags(), &r.Target, false)
	c.Flags().StringSliceVar(&r.Faults, "condition", nil, "the faults, any of "+faultNames)
	c.Flags().DurationVar(&r.For, "for", 0, "how long the fault lasts (0: until cleared)")
	c.Flags().BoolVar(&restart, "restart-kubelet", false, "restart the nodes' kubelets once, instead of a fault")
	return c
}

// restartKubelets plays one kubelet restart on the request's nodes.
func restartKubelets(c *cobra.Command, g *cmd.Globals, name string, r fault.NodeRequest) error {
	validate := func() error {
		if len(r.Faults) > 0 || r.For != 0 {
			return fmt.Errorf("--restart-kubelet takes neither --condition nor --for: a restart is one event")
		}
		return r.Target.Validate("node")
	}
	return change(c, g, name, validate, "node", "kubelet restarted",
		func(ctx context.Context, cl *scale.Cluster) ([]string, error) {
			return fault.RestartKubelets(ctx, cl.Client, r.Target, time.Now())
		})
}

// noteGrace says when an Unknown node will show: the controller-manager
// marks it once its lease is as old as the cluster's grace period.
func noteGrace(g *cmd.Globals, cl *scale.Cluster, faults []string) {
	if slices.Contains(faults, simulator.FaultUnknown) {
		fmt.Fprintf(g.ErrOut, "note: cluster %q marks a node Unknown once its lease is %s old (--node-monitor-grace-period); the lease was last renewed up to %s ago\n",
			cl.Name, cl.Config.NodeMonitorGracePeriod, time.Duration(float64(cl.Config.NodeMonitorGracePeriod)*cluster.LeaseRenewFraction(cl.Config.NodeMonitorGracePeriod)))
	}
}

// lasting says how long a fault lasts.
func lasting(d time.Duration) string {
	if d == 0 {
		return " until cleared"
	}
	return fmt.Sprintf(" for %s", d)
}
