// Package run implements `kmctl bench run`.
package run

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kmctl/kmctl/pkg/benchrun"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/workload"
)

type flagpole struct {
	name    string
	params  []string
	create  bool
	flags   *cmd.CreateFlags
	repeat  int
	profile []string
	output  string
	keep    bool
	timeout time.Duration
}

// NewCommand returns `kmctl bench run`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{}
	c := &cobra.Command{
		Use:   "run WORKLOAD",
		Short: "Run a workload on a cluster and measure the scheduler",
		Long: `Run a built-in workload (kmctl bench list) or a workload file on the cluster
--name, or on a fresh one with --create (which takes every flag of kmctl
create cluster), measuring the ops marked collectMetrics: scheduling
throughput in 1 s windows, the scheduler's latency histograms, pod startup
phases from a watch, the apiserver and etcd under the load, and the CPU and
memory of every component. Results go to -o DIR (result.json, summary.md);
with --repeat N each run has its own run-N dir. What the run created is
removed at the end unless --keep. It exits non-zero when a threshold of the
workload is missed.`,
		Example: `  kmctl bench run SchedulingBasic --param nodes=5000 --param pods=10000 -o runs/basic
  kmctl bench run SchedulingBasic --create --name ab-a --kube-scheduler-config a.yaml --repeat 3 -o runs/a
  kmctl bench run my-workload.yaml --profile kube-scheduler -o runs/mine`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runE(c, g, f, args[0])
		},
	}
	fs := c.Flags()
	fs.StringVar(&f.name, "name", cluster.DefaultName, "cluster to run on (with --create: the name of the cluster to create)")
	fs.StringArrayVar(&f.params, "param", nil, "NAME=VALUE overriding a param of the workload (repeatable)")
	fs.BoolVar(&f.create, "create", false, "create a fresh cluster for each repeat, with kmctl create cluster's flags, and delete it after (unless --keep)")
	fs.IntVar(&f.repeat, "repeat", 1, "run the workload this many times (3 or more lets bench compare test significance)")
	fs.StringArrayVar(&f.profile, "profile", nil, "take a CPU profile of this component during each measured op (repeatable): "+strings.Join(benchrun.ProfileComponents, ", "))
	fs.StringVarP(&f.output, "output", "o", "", "run dir for the results (default: bench-results/<workload>-<time>); must be empty or absent")
	fs.BoolVar(&f.keep, "keep", false, "keep what the run created (with --create: the cluster)")
	fs.DurationVar(&f.timeout, "op-timeout", benchrun.DefaultOpTimeout, "how long an op without a timeout of its own may take (a churn or sleep: on top of its duration)")
	f.flags = cmd.AddCreateFlags(fs)
	return c
}

func runE(c *cobra.Command, g *cmd.Globals, f *flagpole, name string) error {
	o, err := options(c, f, name)
	if err != nil {
		return err
	}
	m, err := g.Manager()
	if err != nil {
		return err
	}
	env := benchrun.Env{Clusters: m, Log: m.Log, Progress: m.Log.Writer(), Out: g.Out, Version: cmd.Version()}
	_, err = benchrun.Run(c.Context(), env, o)
	return err
}

// options checks every flag and loads the workload before anything is
// created.
func options(c *cobra.Command, f *flagpole, name string) (benchrun.Options, error) {
	params, err := workload.ParseParamFlags(f.params)
	if err != nil {
		return benchrun.Options{}, err
	}
	w, err := workload.Load(name, params)
	if err != nil {
		return benchrun.Options{}, err
	}
	o := benchrun.Options{
		Workload: w, Cluster: f.name, Keep: f.keep, Repeat: f.repeat, Profile: f.profile,
		Output: f.output, OpTimeout: f.timeout,
	}
	if o.Output == "" {
		o.Output = filepath.Join("bench-results", fmt.Sprintf("%s-%s", w.Metadata.Name, time.Now().Format("20060102-150405")))
	}
	if f.create {
		cfg, err := f.flags.Config(f.name)
		if err != nil {
			return o, err
		}
		o.Create, o.CreateWait = &cfg, f.flags.Wait()
	} else if err := createFlagsUnused(c); err != nil {
		return o, err
	}
	return o, o.Validate()
}

// createFlagsUnused refuses create flags without --create: they would be
// silently ignored on an existing cluster.
func createFlagsUnused(c *cobra.Command) error {
	own := map[string]bool{"name": true, "param": true, "create": true, "repeat": true, "profile": true, "output": true, "keep": true, "op-timeout": true, "verbosity": true}
	var set []string
	c.Flags().Visit(func(fl *pflag.Flag) {
		if !own[fl.Name] {
			set = append(set, "--"+fl.Name)
		}
	})
	if len(set) > 0 {
		return fmt.Errorf("%s: create flags apply only with --create (a fresh cluster); the cluster %q runs with the settings it was created with", strings.Join(set, ", "), c.Flag("name").Value)
	}
	return nil
}
