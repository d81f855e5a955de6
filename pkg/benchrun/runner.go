package benchrun

import (
	"context"
	"fmt"
	"runtime/pprof"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/workload"
)

// LabelRun is on every object a run creates, with the run's id, so that
// cleanup and the default pod selection find them.
const LabelRun = "kmctl.dev/bench-run"

// DefaultNamespace holds the pods of ops that name none.
const DefaultNamespace = "kmctl-bench"

// run is one run of a workload on a cluster.
type run struct {
	env Env
	o   Options
	w   *workload.Workload
	id  string
	dir string
	res *benchresult.Result

	cfg        *cluster.Config
	restConfig *rest.Config
	client     kubernetes.Interface
	// measureClient has connections of its own, so that the measuring's
	// requests never queue behind the workload's writes (and the reverse).
	measureClient kubernetes.Interface
	// watchClient carries the pod watch alone, in protobuf: decoding the
	// watch is most of what measuring costs kmctl, and a slim protobuf
	// decode (podstream.go) is several times cheaper than a full one.
	watchClient kubernetes.Interface
	clock       *podClock
	scr         *scraper
	// created lists what to delete at the end, in creation order.
	created createdObjects
	// stopClock ends the pod watch.
	stopClock context.CancelFunc
	// pendingStartup are the measured ops whose startup phases are
	// computed at the end.
	pendingStartup []pendingStartup
	// self profiles kmctl during measured ops; measuredWall sums their time.
	self         selfProfile
	measuredWall time.Duration
	// collecting is the span startCollectingMetrics began, recorded in
	// res.Ops[collectingOp].
	collecting   *measurement
	collectingOp int
	// fetch takes the CPU profiles --profile asks for; nil without.
	fetch fetchCPU
	// meter reads the components' usage for each measured op.
	meter *cluster.Meter
}

func newRun(ctx context.Context, env Env, o Options, n int, dir string) (*run, error) {
	if err := checkRunning(ctx, env, o.Cluster); err != nil {
		return nil, err
	}
	cfg, err := env.Clusters.Config(o.Cluster)
	if err != nil {
		return nil, err
	}
	rc, err := env.Clusters.RESTConfig(o.Cluster)
	if err != nil {
		return nil, err
	}
	client, err := kubernetes.NewForConfig(rc)
	if err != nil {
		return nil, err
	}
	mc, err := kubernetes.NewForConfig(ownConnection(rc))
	if err != nil {
		return nil, err
	}
	wc, err := kubernetes.NewForConfig(protobuf(ownConnection(rc)))
	if err != nil {
		return nil, err
	}
	now := time.Now()
	r := &run{
		env: env, o: o, w: o.Workload, dir: dir,
		id:  fmt.Sprintf("%s-%d", now.UTC().Format("20060102t150405"), n),
		cfg: cfg, restConfig: rc, client: client, measureClient: mc, watchClient: wc,
		clock: newPodClock(), scr: newScraper(cfg, mc),
	}
	r.res = newResult(r, n, now)
	if len(o.Profile) > 0 {
		if r.fetch, err = r.profiler(); err != nil {
			return nil, err
		}
	}
	if r.meter, err = env.Clusters.Meter(o.Cluster); err != nil {
		return nil, err
	}
	return r, nil
}

// run starts the pod watch and runs every op in order.
func (r *run) run(ctx context.Context) (err error) {
	defer func() { err = joinCleanup(err, r.cleanup()) }()
	clockCtx, cancel := context.WithCancel(ctx)
	r.stopClock = cancel
	var startErr error
	pprof.Do(clockCtx, measuringLabel, func(ctx context.Context) {
		startErr = r.clock.start(ctx, r.watchClient, LabelRun+"="+r.id)
	})
	if startErr != nil {
		return fmt.Errorf("cannot watch pods: %w", startErr)
	}
	if err := r.ensureNamespace(ctx, DefaultNamespace); err != nil {
		return err
	}
	for i := range r.w.Ops {
		if err := r.runOp(ctx, i); err != nil {
			return err
		}
	}
	if r.collecting != nil {
		return r.stopCollecting(ctx) // a span left open ends with the run
	}
	return nil
}

// runOp runs one op, measured when it collects metrics, and records it.
func (r *run) runOp(ctx context.Context, i int) error {
	op := r.w.Ops[i]
	name := r.w.OpName(i)
	rec := benchresult.Op{Index: i, Op: op.Op, Name: name, Started: time.Now()}
	ctx, cancel := context.WithTimeout(ctx, opTimeout(op, r.o.OpTimeout))
	defer cancel()
	r.env.Log.Infof("op %d/%d: %s %s", i+1, len(r.w.Ops), op.Op, name)
	if r.o.Observer != nil {
		r.o.Observer.OpStarted(ctx, i, op)
	}
	var err error
	switch {
	case op.Op == workload.OpStartCollecting:
		err = r.startCollecting(ctx, i)
	case op.Op == workload.OpStopCollecting:
		err = r.stopCollecting(ctx)
	case op.CollectMetrics:
		rec.Metrics, rec.Pods, err = r.measured(ctx, i)
	default:
		rec.Pods, err = r.do(ctx, i)
	}
	rec.Took = benchresult.Duration(time.Since(rec.Started))
	r.res.Ops = append(r.res.Ops, rec)
	if r.o.Observer != nil {
		r.o.Observer.OpEnded(ctx, i, rec, err)
	}
	if err != nil {
		return fmt.Errorf("op %s (%s:%d): %w", name, r.w.Source, op.Line, err)
	}
	if rec.Metrics != nil {
		r.opMeasured(&r.res.Ops[len(r.res.Ops)-1])
	}
	return nil
}

// opMeasured shows a measured op's figures as it ends, with its startup so
// far (finish computes it again once the pods have run).
func (r *run) opMeasured(rec *benchresult.Op) {
	rec.Metrics.Startup = r.clock.startupPhases(r.pendingStartup[len(r.pendingStartup)-1])
	printOpSummary(r.env.Out, *rec)
}

// startCollecting begins measuring the ops that follow, as one span named
// by op i; the span's figures go to op i's record.
func (r *run) startCollecting(ctx context.Context, i int) error {
	if r.collecting != nil {
		return fmt.Errorf("metrics are already collected since op %s", r.w.OpName(r.collectingOp))
	}
	m, err := r.beginMeasure(ctx, i)
	if err != nil {
		return err
	}
	m.span = true
	r.collecting, r.collectingOp = m, len(r.res.Ops)
	return nil
}

// stopCollecting ends the span startCollecting began.
func (r *run) stopCollecting(ctx context.Context) error {
	m := r.collecting
	if m == nil {
		return fmt.Errorf("no startCollectingMetrics before this op")
	}
	r.collecting = nil
	met, err := m.end(ctx)
	if err != nil {
		return err
	}
	rec := &r.res.Ops[r.collectingOp]
	rec.Metrics = met
	rec.Took = benchresult.Duration(time.Since(rec.Started))
	r.opMeasured(rec)
	return nil
}

// opTimeout bounds op: its own timeout, else the run's, on top of the
// time an op that runs for a duration (churn, sleep) is asked to take, so
// that a 30-minute churn does not run out of a 30-minute default.
func opTimeout(op workload.Op, runDefault time.Duration) time.Duration {
	if op.Timeout.Duration > 0 {
		return op.Timeout.Duration
	}
	return op.Duration.Duration + runDefault
}

// ownConnection copies c with a dialer of its own, so client-go builds a
// separate transport (connections) for it.
func ownConnection(c *rest.Config) *rest.Config {
	cc := rest.CopyConfig(c)
	cc.Dial = newDialer().DialContext
	return cc
}

// protobuf makes c speak protobuf, which the apiserver serves for every
// built-in type.
func protobuf(c *rest.Config) *rest.Config {
	c.ContentType = "application/vnd.kubernetes.protobuf"
	c.AcceptContentTypes = "application/vnd.kubernetes.protobuf,application/json"
	return c
}
