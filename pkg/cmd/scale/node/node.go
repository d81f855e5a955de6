// Package node implements `kmctl scale node`.
package node

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/scale"
)

type flagpole struct {
	name string
	o    scale.NodeOptions
}

// NewCommand returns `kmctl scale node`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{}
	c := &cobra.Command{
		Use:     "node",
		Aliases: []string{"nodes"},
		Short:   "Create or delete fake nodes until --replicas of them exist",
		Long: `Create or delete fake nodes named <prefix>-<index> until --replicas of them
exist. The cluster's simulator plays kubelet for them. Scaling up fills the
lowest free indices, scaling down deletes the highest first; running the same
command again changes nothing. --template takes a Go text/template YAML file
like the built-in templates/node.yaml.`,
		Example: `  kmctl scale node --replicas 1000
  kmctl scale node --replicas 100 --prefix gpu --gpu 8 --taint gpu=true:NoSchedule --label pool=gpu
  kmctl scale node --replicas 0 --prefix gpu`,
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
	fs.IntVar(&o.Replicas, "replicas", 0, "how many nodes with --prefix should exist (0 deletes them all)")
	fs.StringVar(&o.CPU, "cpu", scale.DefaultNodeCPU, "CPU capacity of each node")
	fs.StringVar(&o.Memory, "memory", scale.DefaultNodeMemory, "memory capacity of each node")
	fs.IntVar(&o.Pods, "pods", scale.DefaultNodePods, "pod capacity of each node")
	fs.StringVar(&o.EphemeralStorage, "ephemeral-storage", scale.DefaultNodeStorage, "ephemeral-storage capacity of each node")
	fs.IntVar(&o.GPU, "gpu", 0, "nvidia.com/gpu capacity of each node")
	fs.StringSliceVar(&o.Resources, "resource", nil, "extra capacity name=quantity, e.g. example.com/fpga=2 (repeatable)")
	fs.StringSliceVar(&o.Labels, "label", nil, "label key=value on each node (repeatable)")
	fs.StringArrayVar(&o.Annotations, "annotation", nil, "annotation key=value on each node (repeatable)")
	fs.StringSliceVar(&o.Taints, "taint", nil, "taint key=value:Effect or key:Effect, Effect being NoSchedule, PreferNoSchedule or NoExecute (repeatable)")
	fs.StringVar(&o.TemplateFile, "template", "", "node template file (default: the built-in templates/node.yaml)")
	fs.StringVar(&o.Prefix, "prefix", scale.DefaultNodePrefix, "node names are <prefix>-<index>; each prefix is scaled on its own")
	fs.BoolVar(&o.Wait, "wait", true, "wait until every node is Ready (in a cluster created with --disable kmctl-simulator, only when given)")
	fs.DurationVar(&o.Timeout, "timeout", 10*time.Minute, "how long the whole command may take, waiting included")
	fs.IntVar(&o.Parallel, "parallel", scale.DefaultParallel, "requests in flight at once")
}

func runE(c *cobra.Command, g *cmd.Globals, f *flagpole) error {
	f.o.Progress, f.o.WaitSet = g.ErrOut, c.Flags().Changed("wait")
	s, err := scale.NewNodeScaler(f.o)
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
	res, err := s.Run(c.Context(), cl.Client)
	var notReady *scale.NotReadyError
	if err == nil || errors.As(err, &notReady) {
		fmt.Fprintln(g.Out, res)
	}
	return err
}
