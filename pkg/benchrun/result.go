package benchrun

import (
	"path/filepath"
	"time"

	"github.com/kmctl/kmctl/pkg/benchhtml"
	"github.com/kmctl/kmctl/pkg/benchreport"
	"github.com/kmctl/kmctl/pkg/benchresult"
)

func newResult(r *run, n int, now time.Time) *benchresult.Result {
	res := &benchresult.Result{
		APIVersion: benchresult.APIVersion, Kind: benchresult.Kind,
		Workload: r.w.Metadata.Name, Source: r.w.Source, Params: r.w.Values,
		Repeat: n, Started: now, Cluster: r.o.Cluster,
	}
	comps, _ := r.env.Clusters.Components(r.o.Cluster)
	res.Environment = environment(r.env, r.cfg, comps)
	return res
}

// finish completes the result: startup phases, thresholds, the error.
func (r *run) finish(err error) *benchresult.Result {
	for _, p := range r.pendingStartup {
		p.metrics.Startup = r.clock.startupPhases(p)
	}
	r.res.Finished = time.Now()
	r.res.Thresholds = evaluateThresholds(r.w, r.res.Ops)
	if err != nil {
		r.res.Error = err.Error()
	}
	return r.res
}

// writeResult writes result.json into dir, and the reports rendered from
// it beside it (summary.md, report.html).
func writeResult(env Env, dir string, res *benchresult.Result) error {
	if err := res.Write(filepath.Join(dir, benchresult.FileName)); err != nil {
		return err
	}
	if _, err := benchreport.Rerender(dir); err != nil {
		return err
	}
	if _, err := benchhtml.Rerender(dir); err != nil {
		return err
	}
	env.Log.Infof("Results written to %s", dir)
	return nil
}
