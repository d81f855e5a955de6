package cmd

import (
	"time"

	"github.com/spf13/pflag"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/artifacts"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
)

// CreateFlags are the flags of `kmctl create cluster`, shared with the
// commands that create a cluster of their own (`bench run --create`).
type CreateFlags struct {
	cfg         cluster.Config
	kubeconfig  string
	wait        time.Duration
	binaries    map[string]*string
	images      map[string]*string
	pctToScore  int32
	parallelism int32
	extras      ExtraFlags
	fs          *pflag.FlagSet
}

// AddCreateFlags registers every create flag but --name and --dry-run,
// which each command words its own way.
func AddCreateFlags(fs *pflag.FlagSet) *CreateFlags {
	f := &CreateFlags{binaries: map[string]*string{}, images: map[string]*string{}, fs: fs}
	cfg := &f.cfg
	fs.StringVar(&cfg.Runtime, "runtime", "", "how to run components: docker or binary (default: docker when a Docker daemon answers, else binary)")
	fs.StringVar(&cfg.KubeVersion, "kube-version", artifacts.DefaultKubeVersion, KubeVersionHelp)
	fs.StringVar(&cfg.EtcdVersion, "etcd-version", "", EtcdVersionHelp)
	fs.StringVar(&cfg.PrometheusVersion, "prometheus-version", artifacts.DefaultPrometheusVersion, "Prometheus version")
	fs.StringVar(&f.kubeconfig, "kubeconfig", "", "kubeconfig to add the context to (default: first file in $KUBECONFIG, else ~/.kube/config)")
	fs.DurationVar(&f.wait, "wait", 5*time.Minute, "how long to wait for each component to be ready")
	fs.StringSliceVar(&cfg.Disable, "disable", nil, "components to leave out: prometheus, kmctl-simulator")
	fs.StringVar(&cfg.Simulator.LifecycleFile, "simulator-lifecycle", "", "lifecycle file (kind: Lifecycle) scripting the lives of populations of pods (docs/faults.md)")
	fs.DurationVar(&cfg.NodeMonitorGracePeriod, "node-monitor-grace-period", cluster.DefaultNodeMonitorGracePeriod, "controller-manager's node grace period; fake nodes renew their leases at 3/4 of it, at half under 5m (40s: kubelet-like timing, more lease writes)")
	fs.BoolVar(&cfg.Etcd.UnsafeNoFsync, "etcd-unsafe-no-fsync", false, "run etcd without fsync (faster on slow disks; data may be lost on a crash)")
	AddExtraFlags(fs, &f.extras)
	addPortFlags(fs, &cfg.Ports)
	f.addSchedulerFlags(fs)
	for _, name := range []string{components.Etcd, components.KubeAPIServer, components.KubeControllerManager, components.KubeScheduler, components.Prometheus} {
		f.binaries[name] = fs.String(name+"-binary", "", "path or http(s) URL of the "+name+" binary (default: cached or built from source)")
		f.images[name] = fs.String(name+"-image", "", "image of "+name+" for the docker runtime (default: the upstream image, built locally from the binary when absent)")
	}
	return f
}

func addPortFlags(fs *pflag.FlagSet, p *cluster.Ports) {
	fs.IntVar(&p.APIServer, "kube-apiserver-port", 0, "kube-apiserver port on 127.0.0.1 (0: a free port)")
	fs.IntVar(&p.Etcd, "etcd-port", 0, "etcd client port (0: a free port)")
	fs.IntVar(&p.EtcdPeer, "etcd-peer-port", 0, "etcd peer port (0: a free port)")
	fs.IntVar(&p.Scheduler, "kube-scheduler-port", 0, "kube-scheduler secure port (0: a free port)")
	fs.IntVar(&p.ControllerManager, "kube-controller-manager-port", 0, "kube-controller-manager secure port (0: a free port)")
	fs.IntVar(&p.Simulator, "simulator-port", 0, "simulator metrics port (0: a free port)")
	fs.IntVar(&p.Prometheus, "prometheus-port", 0, "Prometheus port (0: a free port)")
}

func (f *CreateFlags) addSchedulerFlags(fs *pflag.FlagSet) {
	s, cm := &f.cfg.Scheduler, &f.cfg.ControllerManager
	fs.StringVar(&s.ConfigFile, "kube-scheduler-config", "", "a KubeSchedulerConfiguration (v1) to start from; kmctl applies its own flags on top")
	fs.Float32Var(&s.QPS, "kube-scheduler-qps", cluster.DefaultClientQPS, "scheduler client QPS (clientConnection.qps)")
	fs.Int32Var(&s.Burst, "kube-scheduler-burst", cluster.DefaultClientBurst, "scheduler client burst (clientConnection.burst)")
	fs.Int32Var(&f.pctToScore, "kube-scheduler-percentage-of-nodes-to-score", 0, "percentageOfNodesToScore (unset: the config's or the scheduler's default)")
	fs.Int32Var(&f.parallelism, "kube-scheduler-parallelism", 0, "parallelism (unset: the config's or the scheduler's default of 16)")
	fs.BoolVar(&s.Debug, "kube-scheduler-debug", false, "open /debug/* (pprof) on the scheduler's secure port without credentials")
	fs.Float32Var(&cm.QPS, "kube-controller-manager-qps", cluster.DefaultClientQPS, "controller-manager client QPS")
	fs.IntVar(&cm.Burst, "kube-controller-manager-burst", cluster.DefaultClientBurst, "controller-manager client burst")
	fs.BoolVar(&cm.Debug, "kube-controller-manager-debug", false, "open /debug/* (pprof) on the controller-manager's secure port")
}

// Wait is --wait: how long each component may take to be ready.
func (f *CreateFlags) Wait() time.Duration { return f.wait }

// Config turns the parsed flags into the config of a cluster named name;
// Create checks the rest.
func (f *CreateFlags) Config(name string) (cluster.Config, error) {
	cfg := f.cfg
	cfg.Name = name
	if f.fs.Changed("kube-scheduler-percentage-of-nodes-to-score") {
		pct := f.pctToScore
		cfg.Scheduler.PercentageOfNodesToScore = &pct
	}
	if f.fs.Changed("kube-scheduler-parallelism") {
		p := f.parallelism
		cfg.Scheduler.Parallelism = &p
	}
	if err := CheckWait(f.wait); err != nil {
		return cfg, err
	}
	extras, err := f.extras.Extras()
	if err != nil {
		return cfg, err
	}
	cfg.Extras = extras
	cfg.Binaries, cfg.Images = setOnly(f.binaries), setOnly(f.images)
	cfg.Kubeconfig = kubeconfig.ResolvePathFromEnv(f.kubeconfig)
	return cfg, nil
}

// setOnly keeps the flags that were given a value.
func setOnly(flags map[string]*string) map[string]string {
	out := map[string]string{}
	for name, v := range flags {
		if *v != "" {
			out[name] = *v
		}
	}
	return out
}
