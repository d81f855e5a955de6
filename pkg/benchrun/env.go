package benchrun

import (
	"fmt"
	"os"
	goruntime "runtime"

	"github.com/prometheus/procfs"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/cluster"
)

// Upstream defaults of the scheduler settings kmctl owns.
const (
	upstreamSchedulerQPS   = "50"
	upstreamSchedulerBurst = "100"
)

// environment is what the figures depend on: versions, machine, and every
// setting that differs from upstream.
func environment(env Env, cfg *cluster.Config, comps []components.Component) benchresult.Environment {
	e := benchresult.Environment{
		KmctlVersion: env.Version, KubeVersion: cfg.KubeVersion, EtcdVersion: cfg.EtcdVersion,
		PrometheusVersion: cfg.PrometheusVersion, Runtime: cfg.Runtime,
		Cores: goruntime.NumCPU(), GoVersion: goruntime.Version(),
	}
	e.MemoryBytes, e.CPUModel = machine()
	if data, err := os.ReadFile(schedulerConfigPath(comps)); err == nil {
		e.SchedulerConfig = string(data)
	}
	for _, s := range components.Changed(comps, cfg.Extras) {
		e.Changed = append(e.Changed, benchresult.Setting(s))
	}
	e.Changed = append(e.Changed, schedulerSettings(cfg.Scheduler)...)
	return e
}

// schedulerSettings are the scheduler config fields kmctl sets.
func schedulerSettings(s cluster.SchedulerOptions) []benchresult.Setting {
	var out []benchresult.Setting
	add := func(name, value, upstream, why string) {
		if value != upstream {
			out = append(out, benchresult.Setting{Component: components.KubeScheduler, Name: name, Value: value, Upstream: upstream, Why: why})
		}
	}
	add("clientConnection.qps", fmt.Sprint(s.QPS), upstreamSchedulerQPS, "the client limit would cap binding at 50/s; undo: --kube-scheduler-qps 50")
	add("clientConnection.burst", fmt.Sprint(s.Burst), upstreamSchedulerBurst, "as qps; undo: --kube-scheduler-burst 100")
	if s.PercentageOfNodesToScore != nil {
		add("percentageOfNodesToScore", fmt.Sprint(*s.PercentageOfNodesToScore), "0 (adaptive)", "--kube-scheduler-percentage-of-nodes-to-score")
	}
	if s.Parallelism != nil {
		add("parallelism", fmt.Sprint(*s.Parallelism), "16", "--kube-scheduler-parallelism")
	}
	return out
}

// schedulerConfigPath is the --config the scheduler runs with.
func schedulerConfigPath(comps []components.Component) string {
	for _, c := range comps {
		if c.Name != components.KubeScheduler {
			continue
		}
		for _, a := range c.Args {
			if len(a) > len("--config=") && a[:len("--config=")] == "--config=" {
				return a[len("--config="):]
			}
		}
	}
	return ""
}

// machine reads the memory and CPU model.
func machine() (memory uint64, model string) {
	fs, err := procfs.NewDefaultFS()
	if err != nil {
		return 0, ""
	}
	if mi, err := fs.Meminfo(); err == nil && mi.MemTotal != nil {
		memory = *mi.MemTotal * 1024
	}
	if ci, err := fs.CPUInfo(); err == nil && len(ci) > 0 {
		model = ci[0].ModelName
	}
	return memory, model
}
