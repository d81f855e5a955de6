// Package benchmark implements `kmctl benchmark`.
package benchmark

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kmctl/kmctl/pkg/bench"
	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/cmd"
)

type flagpole struct {
	o      report.Options
	extras cmd.ExtraFlags
}

// NewCommand returns `kmctl benchmark`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{o: report.DefaultOptions()}
	c := &cobra.Command{
		Use:   "benchmark",
		Short: "Measure a fresh cluster against the performance budget and report",
		Long: `Create a fresh cluster (scheduler client at 5000 QPS, burst 10000), then:
measure the apiserver's own ceiling (pod creates/s and status writes/s from
64 writers), time --nodes nodes Ready, --pods pods Running and their
deletion, then --big-nodes and --big-pods unless --skip-big, sampling the
scheduler's binding rate and the simulator's Running rate meanwhile, and
finally the CPU and memory of every component after --idle. Each figure is
printed beside its target, upstream's bar and the ceiling, and each step's
CPU and heartbeats (node NotReady transitions and the simulator's lease
renewals) below it; --output also writes the report as Markdown. The
cluster is deleted at the end, on error and on Ctrl-C, unless --keep.`,
		Example: `  kmctl benchmark --output docs/benchmarks/latest.md
  kmctl benchmark --nodes 100 --pods 1000 --skip-big --idle 10s
  kmctl benchmark --node-monitor-grace-period 40s   # kubelet-like heartbeats`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runE(c, g, f)
		},
	}
	addFlags(c.Flags(), f)
	return c
}

func addFlags(fs *pflag.FlagSet, f *flagpole) {
	o := &f.o
	fs.StringVar(&o.Name, "name", o.Name, "name of the cluster to create; it must not exist")
	fs.BoolVar(&o.Keep, "keep", false, "keep the cluster at the end")
	fs.IntVar(&o.Nodes, "nodes", o.Nodes, "nodes of the first steps")
	fs.IntVar(&o.Pods, "pods", o.Pods, "pods of the first steps")
	fs.IntVar(&o.BigNodes, "big-nodes", o.BigNodes, "nodes of the big steps")
	fs.IntVar(&o.BigPods, "big-pods", o.BigPods, "pods of the big steps")
	fs.BoolVar(&o.SkipBig, "skip-big", false, "skip the big steps")
	fs.IntVar(&o.Backlog, "backlog", 0, "after the first steps, pods to create with the scheduler stopped, then time it draining them (0 skips this step)")
	fs.DurationVar(&o.Idle, "idle", o.Idle, "how long the idle cost is measured (0 skips it)")
	fs.DurationVar(&o.Settle, "settle", o.Settle, "how long the cluster rests after the last step before the idle cost is measured")
	fs.IntVar(&o.PodWriters, "pod-writers", o.PodWriters, "pod creates in flight in the first pod step (the ceiling, node and delete steps use 64)")
	fs.IntVar(&o.BigPodWriters, "big-pod-writers", o.BigPodWriters, "pod creates in flight in the big pod step")
	fs.IntVar(&o.CeilingObjects, "ceiling-objects", o.CeilingObjects, "pods that measure the apiserver's ceiling (0 skips it)")
	fs.DurationVar(&o.SampleInterval, "sample-interval", o.SampleInterval, "how often the scheduler's and simulator's counters are read during pod steps")
	fs.DurationVar(&o.StepTimeout, "step-timeout", o.StepTimeout, "how long each scale step may take, waiting included (kmctl scale's --timeout)")
	fs.DurationVar(&o.NodeMonitorGracePeriod, "node-monitor-grace-period", o.NodeMonitorGracePeriod, "controller-manager's node grace period, as in kmctl create cluster; fake nodes renew their leases at 3/4 of it, at half under 5m (40s: kubelet-like heartbeat load)")
	fs.StringVarP(&o.Output, "output", "o", "", "also write the report as Markdown to this file")
	fs.StringVar(&o.Results, "results", "", "dir for the bench run results of the budget's workloads, one run dir each (default: a new dir under kmctl's state dir)")
	cmd.AddExtraFlags(fs, &f.extras)
}

func runE(c *cobra.Command, g *cmd.Globals, f *flagpole) error {
	extras, err := f.extras.Extras()
	if err != nil {
		return err
	}
	f.o.Extras = extras
	if err := bench.Validate(f.o); err != nil {
		return err
	}
	m, err := g.Manager()
	if err != nil {
		return err
	}
	_, err = bench.Run(c.Context(), bench.NewEnv(m, g.Out, cmd.Version()), f.o)
	return err
}
