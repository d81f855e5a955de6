package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	goruntime "runtime"
	"strconv"
	"strings"
	"time"

	"k8s.io/client-go/kubernetes"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/benchrun"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
	"github.com/kmctl/kmctl/pkg/log"
	"github.com/kmctl/kmctl/pkg/runtime/binary"
)

// Clusters is what the benchmark needs of a *cluster.Manager: what bench
// run needs to run the budget's workloads on it.
type Clusters = benchrun.Clusters

// Env is where the benchmark runs and writes.
type Env struct {
	Clusters Clusters
	// Home is kmctl's state dir, holding the clusters' work dirs.
	Home string
	// Log takes status lines; Progress takes progress bars (both stderr).
	Log      *log.Logger
	Progress io.Writer
	// Printer shows the report table as it goes (stdout).
	Printer *report.Printer
	// Version is kmctl's own version, for the pieces' results.
	Version string
}

// NewEnv runs the benchmark with a cluster manager, the table on out and
// status lines and progress on the manager's log.
func NewEnv(m *cluster.Manager, out io.Writer, version string) Env {
	return Env{Clusters: m, Home: m.Home, Log: m.Log, Progress: m.Log.Writer(), Printer: report.NewPrinter(out), Version: version}
}

// deleteTimeout bounds the deletion of the cluster at the end.
const deleteTimeout = 3 * time.Minute

// runner holds the state of one run.
type runner struct {
	env    Env
	o      report.Options
	rep    *report.Report
	client kubernetes.Interface
	cfg    *cluster.Config
	scr    *meter.Scraper
	// health counts the nodes' NotReady transitions from the cluster's
	// creation on.
	health *nodeHealth
	// nodes and pods exist in the cluster now.
	nodes, pods int
	// nodesTook sums the node steps so far: the time to reach nodes from 0.
	nodesTook time.Duration
}

// Run creates a fresh cluster, runs every step, deletes the cluster (also
// on error and Ctrl-C) unless o.Keep, and writes o.Output. The report holds
// what was measured even when an error stopped the run.
func Run(ctx context.Context, env Env, o report.Options) (*report.Report, error) {
	if err := Validate(o); err != nil {
		return nil, err
	}
	now := time.Now()
	rep := &report.Report{Started: now, Machine: machine(), Cluster: o.Name, Options: o, Results: resultsDir(o, env.Home, now)}
	r := &runner{env: env, o: o, rep: rep, health: newNodeHealth()}
	err := r.run(ctx)
	if err != nil {
		r.rep.Err = err.Error()
	}
	if o.Output != "" {
		if werr := r.rep.WriteFile(o.Output); werr != nil {
			err = errors.Join(err, werr)
		} else {
			env.Log.Infof("Report written to %s", o.Output)
		}
	}
	return r.rep, err
}

// run owns the cluster: it refuses an existing name, and deletes what it
// created on the way out.
func (r *runner) run(ctx context.Context) (err error) {
	if _, statErr := os.Stat(cluster.Dir(r.env.Home, r.o.Name)); statErr == nil {
		return fmt.Errorf("cluster %q already exists; the benchmark needs a fresh one: pick another --name or `kmctl delete cluster --name %s`", r.o.Name, r.o.Name)
	}
	defer func() { err = errors.Join(err, r.cleanup(ctx)) }()
	if err := r.create(ctx); err != nil {
		return err
	}
	stop, err := watchNodes(r.client, r.health)
	if err != nil {
		return err
	}
	defer func() {
		stop()
		r.rep.NotReady = r.health.total()
		r.env.Printer.NodeHealth(r.rep.NotReady)
	}()
	if err := r.ceiling(ctx); err != nil {
		return err
	}
	r.env.Log.Infof("Running the budget's workloads; their results go to %s", r.rep.Results)
	return r.runPieces(ctx)
}

// droppedWatchers reads the apiserver's terminated-watcher counters; nil
// (shown as "?") when they cannot be read, which does not stop the run.
func (r *runner) droppedWatchers(ctx context.Context) map[string]float64 {
	d, err := droppedWatchers(ctx, r.client)
	if err != nil {
		if ctx.Err() == nil {
			r.env.Log.Infof("warning: %v", err)
		}
		return nil
	}
	return d
}

// leases reads the simulator's lease metrics; a failed reading (shown as
// "?") does not stop the run.
func (r *runner) leases(ctx context.Context) meter.LeaseReading {
	l, err := r.scr.Leases(ctx)
	if err != nil && ctx.Err() == nil {
		r.env.Log.Infof("warning: %v", err)
	}
	return l
}

// create starts the cluster with the scheduler's client limits raised.
func (r *runner) create(ctx context.Context) error {
	cfg := clusterConfig(r.o, kubeconfig.ResolvePathFromEnv(""))
	r.rep.KubeVersion = cfg.KubeVersion
	start := time.Now()
	if err := r.env.Clusters.Create(ctx, cfg, cluster.CreateOptions{Wait: 5 * time.Minute}); err != nil {
		return err
	}
	r.env.Log.Infof("Cluster %q is up (%s)", r.o.Name, meter.FmtDuration(time.Since(start)))
	r.env.Log.Infof("%s", report.GraceSetting(cfg.NodeMonitorGracePeriod))
	client, err := r.env.Clusters.Client(r.o.Name)
	if err != nil {
		return err
	}
	if r.cfg, err = r.env.Clusters.Config(r.o.Name); err != nil {
		return err
	}
	r.client, r.scr = client, meter.NewScraper(r.cfg)
	return nil
}

// clusterConfig is `kmctl create cluster`'s defaults (the scheduler's client
// at 5000 QPS and a burst of 10000) on the binary runtime, with the run's
// grace period and extras.
func clusterConfig(o report.Options, kubeconfigPath string) cluster.Config {
	cfg := cluster.DefaultConfig(o.Name)
	cfg.Runtime = binary.Name
	cfg.Kubeconfig = kubeconfigPath
	cfg.NodeMonitorGracePeriod = o.NodeMonitorGracePeriod
	cfg.Extras = o.Extras
	return cfg
}

// cleanup deletes the cluster with a context of its own, so that it also
// runs after Ctrl-C, unless --keep.
func (r *runner) cleanup(ctx context.Context) error {
	if r.o.Keep {
		r.env.Log.Infof("Kept cluster %q; delete it with `kmctl delete cluster --name %s`", r.o.Name, r.o.Name)
		return nil
	}
	if _, err := os.Stat(cluster.Dir(r.env.Home, r.o.Name)); err != nil {
		return nil // create failed before writing anything
	}
	r.env.Log.Infof("Deleting cluster %q", r.o.Name)
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), deleteTimeout)
	defer cancel()
	return r.env.Clusters.Delete(dctx, r.o.Name)
}

// emit records rows and prints them.
func (r *runner) emit(rows ...report.Row) {
	r.rep.Rows = append(r.rep.Rows, rows...)
	for _, row := range rows {
		r.env.Printer.Row(row)
	}
}

// machine describes the host: cores and memory.
func machine() string {
	desc := fmt.Sprintf("%d cores", goruntime.NumCPU())
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if kib := memTotalKiB(string(data)); kib > 0 {
			desc += fmt.Sprintf(", %.0f GiB", float64(kib)/(1<<20))
		}
	}
	return desc
}

// memTotalKiB reads MemTotal from the text of /proc/meminfo.
func memTotalKiB(meminfo string) uint64 {
	for _, line := range strings.Split(meminfo, "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, _ := strconv.ParseUint(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}
