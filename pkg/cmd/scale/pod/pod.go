// Package pod implements `kmctl scale pod`.
package pod

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/scale"
)

type flagpole struct {
	name string
	o    scale.PodOptions
}

// NewCommand returns `kmctl scale pod`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{}
	c := &cobra.Command{
		Use:     "pod",
		Aliases: []string{"pods"},
		Short:   "Create or delete pods until --replicas of them exist",
		Long: `Create or delete pods named <prefix>-<index> in --namespace until --replicas
of them exist, for the scheduler to place on the fake nodes. Scaling up fills
the lowest free indices, scaling down deletes the highest first; running the
same command again changes nothing. --template takes a Go text/template YAML
file like the built-in templates/pod.yaml.`,
		Example: `  kmctl scale pod --replicas 10000
  kmctl scale pod --replicas 10000 --wait --timeout 15m
  kmctl scale pod --replicas 50 --prefix big --cpu 30 --memory 200Gi --priority-class high
  kmctl scale pod --replicas 0`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runE(c, g, f)
		},
	}
	addFlags(c.Flags(), f)
	_ = c.MarkFlagRequired("replicas")
	return c
}

func addFlags(fs *pflag.FlagSet, f *flagpole) {
	o := &f.o
	fs.StringVar(&f.name, "name", cluster.DefaultName, "cluster name")
	fs.IntVar(&o.Replicas, "replicas", 0, "how many pods with --prefix should exist in --namespace (0 deletes them all)")
	fs.StringVar(&o.Namespace, "namespace", "default", "namespace of the pods")
	fs.StringVar(&o.CPU, "cpu", scale.DefaultPodCPU, "CPU request (and limit) of each pod; empty for none")
	fs.StringVar(&o.Memory, "memory", scale.DefaultPodMemory, "memory request (and limit) of each pod; empty for none")
	fs.IntVar(&o.GPU, "gpu", 0, "nvidia.com/gpu request of each pod")
	fs.StringSliceVar(&o.Resources, "resource", nil, "extra request name=quantity, e.g. example.com/fpga=1 (repeatable)")
	fs.StringVar(&o.NodeName, "node-name", "", "bind the pods to this node, bypassing the scheduler")
	fs.StringSliceVar(&o.NodeSelector, "node-selector", nil, "node selector key=value (repeatable)")
	fs.StringVar(&o.PriorityClass, "priority-class", "", "priorityClassName of the pods")
	fs.StringSliceVar(&o.Labels, "label", nil, "label key=value on each pod (repeatable)")
	fs.StringArrayVar(&o.Annotations, "annotation", nil, "annotation key=value on each pod (repeatable)")
	fs.StringVar(&o.TemplateFile, "template", "", "pod template file (default: the built-in templates/pod.yaml)")
	fs.StringVar(&o.Prefix, "prefix", scale.DefaultPodPrefix, "pod names are <prefix>-<index>; each prefix is scaled on its own")
	fs.BoolVar(&o.Wait, "wait", false, "wait until every pod is Running, then print the scheduler's throughput and latencies and the pods' startup times")
	fs.DurationVar(&o.Timeout, "timeout", 30*time.Minute, "how long the whole command may take, waiting included")
	fs.IntVar(&o.Parallel, "parallel", scale.DefaultParallel, "requests in flight at once")
}

func runE(c *cobra.Command, g *cmd.Globals, f *flagpole) error {
	f.o.Progress, f.o.WaitSet = g.ErrOut, c.Flags().Changed("wait")
	s, err := scale.NewPodScaler(f.o)
	if err != nil {
		return err
	}
	m, err := g.Manager()
	if err != nil {
		return err
	}
	cl, err := s.Connect(c.Context(), m, f.name, g.ErrOut)
	if err != nil {
		return err
	}
	client := cl.Client
	if !s.Waits() {
		res, err := s.Run(c.Context(), client)
		printResult(g, res, err, nil)
		return err
	}
	var res scale.Result
	podMeter := meter.NewPodMeter(cl.Config, 0)
	ps, err := podMeter.Measure(c.Context(), warnOnce(g), func() error {
		var err error
		res, err = s.Run(c.Context(), client)
		return err
	})
	printResult(g, res, err, func() { podMeter.WriteSummary(g.Out, ps) })
	return err
}

// printResult prints the result line, then the scheduler's figures when
// they were measured, if the pods were scaled (even when some never ran).
func printResult(g *cmd.Globals, res scale.Result, err error, figures func()) {
	var notReady *scale.NotReadyError
	if err != nil && !errors.As(err, &notReady) {
		return
	}
	fmt.Fprintln(g.Out, res)
	if figures != nil {
		figures()
	}
}

// warnOnce reports the first metrics sample that could not be read; the
// others would say the same every 10 s.
func warnOnce(g *cmd.Globals) func(error) {
	var once sync.Once
	return func(err error) {
		once.Do(func() { fmt.Fprintf(g.ErrOut, "warning: cannot sample the scheduler's figures: %v\n", err) })
	}
}
