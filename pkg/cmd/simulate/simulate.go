// Package simulate implements `kmctl simulate`, the fake-kubelet controller
// that every cluster runs and that can attach to any cluster by kubeconfig.
package simulate

import (
	"fmt"
	"math"
	"net"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/gcpace"
	"github.com/kmctl/kmctl/pkg/simulator"
)

type flagpole struct {
	opts       simulator.Options
	kubeconfig string
	metrics    string
	qps        float32
	burst      int
	lifecycle  string
}

// NewCommand returns `kmctl simulate`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{opts: simulator.DefaultOptions()}
	c := &cobra.Command{
		Use:   "simulate",
		Short: "Play kubelet for fake nodes and their pods (runs inside every cluster; can attach to any)",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runE(c, f)
		},
	}
	addFlags(c.Flags(), f)
	return c
}

func addFlags(fs *pflag.FlagSet, f *flagpole) {
	o := &f.opts
	fs.StringVar(&f.kubeconfig, "kubeconfig", "", "kubeconfig of the cluster (default: $KUBECONFIG or ~/.kube/config)")
	fs.StringVar(&f.metrics, "metrics-address", "127.0.0.1:10280", "address for /metrics and /healthz")
	fs.Float32Var(&f.qps, "qps", -1, "client QPS limit of node and pod writes (-1 or 0: unlimited; lease renewals are never limited)")
	fs.IntVar(&f.burst, "burst", 0, "client burst, only with a positive --qps (0: twice --qps)")
	fs.StringVar(&o.NodeSelector, "node-selector", o.NodeSelector, "label selector of the nodes to manage")
	fs.IntVar(&o.ShardIndex, "shard-index", 0, "this simulator's shard (0-based)")
	fs.IntVar(&o.ShardCount, "shard-count", 1, "number of simulators sharing the nodes")
	fs.DurationVar(&o.LeaseDuration, "node-lease-duration", o.LeaseDuration, "node lease duration; match the controller-manager's --node-monitor-grace-period")
	fs.Float64Var(&o.RenewFraction, "node-lease-renew-fraction", o.RenewFraction, "part of the lease duration between renewals, in (0, 0.8]")
	fs.DurationVar(&o.StatusPeriod, "node-status-period", o.StatusPeriod, "how often an unchanged node status is rewritten")
	fs.DurationVar(&o.RunningDelay, "pod-running-delay", 0, "delay before a bound pod runs (the kmctl.dev/running-delay annotation overrides it)")
	fs.DurationVar(&o.RunningJitter, "pod-running-jitter", 0, "random extra delay, up to this, before a pod runs")
	fs.DurationVar(&o.JobCompleteDelay, "job-complete-delay", 0, "how long a Job's pod runs before it succeeds")
	fs.IntVar(&o.NodeWorkers, "node-workers", o.NodeWorkers, "parallel node status writers")
	fs.IntVar(&o.PodWorkers, "pod-workers", o.PodWorkers, "parallel pod status writers")
	fs.IntVar(&o.LeaseWorkers, "lease-workers", o.LeaseWorkers, "lease renewals in flight at most, on a connection of their own (none wait idle)")
	fs.StringVar(&o.KubeletVersion, "kubelet-version", "", "kubelet version to report (default: the apiserver's)")
	fs.StringVar(&f.lifecycle, "lifecycle", "", "lifecycle file (kind: Lifecycle) scripting the lives of populations of pods")
}

// validate refuses the flags that cannot work, before anything is loaded or
// changed.
func (f *flagpole) validate() error {
	if err := f.validateClientLimits(); err != nil {
		return err
	}
	if f.lifecycle != "" {
		l, err := simulator.LoadLifecycle(f.lifecycle)
		if err != nil {
			return fmt.Errorf("--lifecycle: %w", err)
		}
		f.opts.Lifecycle = l
	}
	return f.opts.Validate()
}

// validateClientLimits refuses client rate limits that client-go would
// otherwise read as something else: a NaN or infinite --qps, a negative one
// other than -1, and a --burst that no rate limiter would use.
func (f *flagpole) validateClientLimits() error {
	qps := float64(f.qps)
	if math.IsNaN(qps) || math.IsInf(qps, 0) || (qps < 0 && qps != -1) {
		return fmt.Errorf("--qps must be a positive rate, or -1 or 0 for unlimited, got %g", qps)
	}
	if f.burst < 0 {
		return fmt.Errorf("--burst must be 0 (twice --qps) or more, got %d", f.burst)
	}
	if f.burst > 0 && qps <= 0 {
		return fmt.Errorf("--burst %d needs a positive --qps: without one the client is unlimited; set --qps or drop --burst", f.burst)
	}
	return nil
}

// clientLimits returns the QPS and burst for client-go, which reads a QPS of
// 0 as its default of 5 and a negative one as unlimited, and refuses a
// positive QPS without a burst: --qps 0 means unlimited, like the default -1,
// and --burst 0 twice the QPS, as kmctl gives the control plane's clients.
func (f *flagpole) clientLimits() (float32, int) {
	if f.qps <= 0 {
		return -1, 0
	}
	if f.burst > 0 {
		return f.qps, f.burst
	}
	return f.qps, int(min(math.Ceil(2*float64(f.qps)), math.MaxInt32))
}

// simulatorPace is the simulator's collector pacing unless GOGC is set. It
// holds every pod of its nodes: collecting at 50% growth keeps 100 000 pods
// near 200 MiB resident, and a 64 MiB floor keeps a cluster of 10 000 pods
// from collecting every few MB, which cost a quarter of its CPU.
var simulatorPace = gcpace.Pace{Percent: 50, Floor: 64 << 20}

func runE(c *cobra.Command, f *flagpole) error {
	if err := f.validate(); err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		go simulatorPace.Run(c.Context(), time.Second)
	}
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = f.kubeconfig
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, nil).ClientConfig()
	if err != nil {
		return fmt.Errorf("cannot load the kubeconfig: %w", err)
	}
	cfg.QPS, cfg.Burst = f.clientLimits()
	cfg.ContentType = "application/vnd.kubernetes.protobuf"
	cfg.UserAgent = "kmctl-simulator"
	clients, err := newClients(cfg)
	if err != nil {
		return err
	}
	metrics := simulator.NewMetrics()
	sim, err := simulator.New(clients, f.opts, metrics)
	if err != nil {
		return err
	}
	return simulator.Serve(c.Context(), f.metrics, sim, metrics)
}

// newClients makes the simulator's two clients. The lease client has a
// connection of its own and no rate limit, so that the heartbeats never
// wait behind pod and node writes on the same connection or for the same
// tokens: a dialer of its own makes client-go build it another transport.
func newClients(cfg *rest.Config) (simulator.Clients, error) {
	main, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return simulator.Clients{}, err
	}
	leaseCfg := rest.CopyConfig(cfg)
	leaseCfg.UserAgent = "kmctl-simulator-leases"
	leaseCfg.QPS, leaseCfg.Burst, leaseCfg.RateLimiter = -1, 0, nil
	leaseCfg.Dial = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	leases, err := kubernetes.NewForConfig(leaseCfg)
	if err != nil {
		return simulator.Clients{}, err
	}
	return simulator.Clients{Main: main, Leases: leases}, nil
}
