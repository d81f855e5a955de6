package bench

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/benchrun"
	"github.com/kmctl/kmctl/pkg/workload"
)

// piece is one built-in workload of the budget (templates/workloads/Kmctl*)
// with the params the options give it.
type piece struct {
	workload string
	params   map[string]string
}

// pieces are the budget's workloads, in order, as the options ask: they run
// one after the other on the same cluster, each on what the one before
// left (the big nodes add to the first ones, the idle cost is measured with
// the big pods in place).
func pieces(o report.Options) []piece {
	itoa := strconv.Itoa
	writers := itoa(o.Writers)
	ps := []piece{{"KmctlBudget", map[string]string{
		"nodes": itoa(o.Nodes), "pods": itoa(o.Pods), "writers": writers, "podWriters": itoa(o.PodWriters),
	}}}
	if o.Backlog > 0 {
		ps = append(ps, piece{"KmctlBudgetBacklog", map[string]string{
			"nodes": itoa(o.Nodes), "pods": itoa(o.Backlog), "writers": writers,
		}})
	}
	if !o.SkipBig {
		ps = append(ps, piece{"KmctlBudgetBig", map[string]string{
			"bigNodes": itoa(o.BigNodes), "bigPods": itoa(o.BigPods), "writers": writers, "bigPodWriters": itoa(o.BigPodWriters),
		}})
	}
	if o.Idle > 0 {
		ps = append(ps, piece{"KmctlBudgetIdle", map[string]string{"settle": o.Settle.String(), "idle": o.Idle.String()}})
	}
	return ps
}

// load reads the piece's workload with its params.
func (p piece) load() (*workload.Workload, error) {
	return workload.Load(p.workload, p.params)
}

// checkPieces loads every piece, so that params the workloads refuse fail
// before any cluster is created.
func checkPieces(o report.Options) error {
	for _, p := range pieces(o) {
		if _, err := p.load(); err != nil {
			return err
		}
	}
	return nil
}

// runPieces runs the budget's workloads with kmctl bench run's machinery,
// each into a run dir of its own under the results dir, with an observer
// that turns its ops into the budget's rows.
func (r *runner) runPieces(ctx context.Context) error {
	for n, p := range pieces(r.o) {
		w, err := p.load()
		if err != nil {
			return err
		}
		dir := filepath.Join(r.rep.Results, fmt.Sprintf("%d-%s", n+1, p.workload))
		obs := &observer{r: r, piece: p.workload}
		_, err = benchrun.Run(ctx, r.runEnv(), benchrun.Options{
			Workload: w, Cluster: r.o.Name, Keep: true, Repeat: 1, Output: dir,
			OpTimeout: r.o.StepTimeout, Observer: obs,
		})
		obs.close()
		if err != nil {
			return fmt.Errorf("%s: %w", p.workload, err)
		}
	}
	return nil
}

// runEnv is bench run's environment for the pieces: its per-op summaries
// are in each run dir's summary.md, the terminal shows the budget's table.
func (r *runner) runEnv() benchrun.Env {
	return benchrun.Env{Clusters: r.env.Clusters, Log: r.env.Log, Progress: r.env.Progress, Out: io.Discard, Version: r.env.Version}
}

// resultsDir is where the pieces' run dirs go: --results, else a fresh dir
// under kmctl's state dir.
func resultsDir(o report.Options, home string, now time.Time) string {
	if o.Results != "" {
		return o.Results
	}
	return filepath.Join(home, "benchmarks", o.Name+"-"+now.UTC().Format("20060102t150405"))
}
