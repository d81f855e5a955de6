package fault

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/fault"
	"github.com/kmctl/kmctl/pkg/scale"
)

func newPodCommand(g *cmd.Globals) *cobra.Command {
	var name string
	var r fault.PodRequest
	c := &cobra.Command{
		Use:   "pod [NAME...]",
		Short: "Make pods fail, crash-loop or stay unready",
		Long: `Script a fault on pods, replacing any they had. --fail makes the containers
exit as soon as they run: a pod with restartPolicy Never ends Failed, others
crash-loop. --crashloop makes them exit --run-for after each (re)start; they
restart at once the first time, then after the kubelet's back-off (10 s
doubling to 5 min), showing CrashLoopBackOff meanwhile. --not-ready keeps
them running but unready. To script pods not yet created, put the same
annotations in their template (see docs/faults.md).`,
		Example: `  kmctl fault pod -l app=web --crashloop --run-for 30s
  kmctl fault pod web-0 --fail --reason OOMKilled
  kmctl fault pod -A -l tier=backend --not-ready --for 2m`,
		RunE: func(c *cobra.Command, args []string) error {
			r.Names = args
			return change(c, g, name, r.Validate, "pod", "faulted"+lasting(r.For),
				func(ctx context.Context, cl *scale.Cluster) ([]string, error) {
					return fault.SetPods(ctx, cl.Client, r, time.Now())
				})
		},
	}
	clusterFlag(c.Flags(), &name)
	targetFlags(c.Flags(), &r.Target, true)
	fs := c.Flags()
	fs.BoolVar(&r.Fail, "fail", false, "the containers exit as soon as they run")
	fs.BoolVar(&r.CrashLoop, "crashloop", false, "the containers exit --run-for after each (re)start")
	fs.DurationVar(&r.RunFor, "run-for", 10*time.Second, "with --crashloop, how long the containers run each time")
	fs.BoolVar(&r.NotReady, "not-ready", false, "the containers run but are never ready")
	fs.IntVar(&r.ExitCode, "exit-code", 0, "exit code of the failing containers (default 1, or 137 with --reason OOMKilled)")
	fs.StringVar(&r.Reason, "reason", "", "terminated reason of the failing containers: Error (default) or OOMKilled")
	fs.DurationVar(&r.For, "for", 0, "how long the fault lasts (0: until cleared)")
	return c
}
