package bench

import (
	"github.com/kmctl/kmctl/pkg/metrics"

	"fmt"
	"math"
	"strings"
	"time"
)

// Report is everything one benchmark run measured, in the order it ran.
type Report struct {
	Started time.Time
	// Machine describes the host, e.g. "2 cores, 24 GiB".
	Machine string
	// Cluster and KubeVersion name the cluster the run created.
	Cluster, KubeVersion string
	Options              Options
	// Ceiling is the apiserver's own ceiling; nil until measured.
	Ceiling *Ceiling
	// Rows are the headline figures, one line each.
	Rows []Row
	// PodSteps hold the sampled rates of the pod steps.
	PodSteps []PodStep
	// StepCPU is where the CPU went in each step.
	StepCPU []StepCPU
	// Heartbeats is how the nodes' heartbeats went in each step, and
	// NotReady the nodes' NotReady transitions over the whole run.
	Heartbeats []StepHeartbeats
	NotReady   NotReady
	// Idle is the idle step; nil until measured.
	Idle *Idle
	// Err says why the run stopped early.
	Err string
}

// Row is one figure of the report.
type Row struct {
	Step, Result, Target, Upstream, Apiserver string
	// Verdict is "ok", "MISSED" or empty when there is no target to meet.
	Verdict string
}

// Ceiling is the apiserver's own write rate on this machine in this run.
type Ceiling struct {
	Objects int
	// Creates and StatusWrites are per second, from 64 writers.
	Creates, StatusWrites float64
	// CreateTook, StatusTook and CleanupTook time the three phases.
	CreateTook, StatusTook, CleanupTook time.Duration
}

// writeCost counts the writes one object costs the apiserver, as creates
// (creates, bindings, events, deletes) and status writes.
type writeCost struct{ creates, statuses float64 }

// Write costs of the steps; they are lower bounds.
var (
	// nodeCost: the node and its first status. Its lease is created later, at
	// a random point of the first renewal interval (so that nodes made
	// together do not renew together), outside the step.
	nodeCost = writeCost{creates: 1, statuses: 1}
	// podCost: the pod, its binding, the Scheduled event; its Running status.
	podCost = writeCost{creates: 3, statuses: 1}
	// deleteCost: one delete, taken to cost what a create does.
	deleteCost = writeCost{creates: 1}
)

// Floor is the least time the apiserver needs for n objects of a cost when
// it does nothing else, at the ceiling's rates.
func (c *Ceiling) Floor(n int, cost writeCost) time.Duration {
	if c == nil || c.Creates <= 0 || c.StatusWrites <= 0 {
		return 0
	}
	secs := float64(n) * (cost.creates/c.Creates + cost.statuses/c.StatusWrites)
	return time.Duration(secs * float64(time.Second))
}

// MaxRate is the most objects of a cost per second the ceiling allows.
func (c *Ceiling) MaxRate(cost writeCost) float64 {
	f := c.Floor(1000, cost)
	if f <= 0 {
		return 0
	}
	return 1000 / f.Seconds()
}

// PodStep is what was sampled while pods were scheduled and started.
type PodStep struct {
	Name string
	Pods int
	Took time.Duration
	// Sampled is false when the metrics could not be read.
	Sampled bool
	Rates   Rates
	// Throughput is the scheduler's bindings per second over the step.
	Throughput float64
	// Attempts are the scheduling attempt latencies.
	Attempts Quantiles
	// Startup times the pods started in the step from their creation to
	// Running, BoundToRunning from their binding.
	Startup, BoundToRunning Quantiles
}

// Quantiles are the median and 99th percentile of a latency in seconds
// (NaN: nothing observed).
type Quantiles struct{ P50, P99 float64 }

// quantilesOf reads the median and 99th percentile of a histogram.
func quantilesOf(h metrics.Histogram) Quantiles {
	return Quantiles{P50: h.Quantile(0.5), P99: h.Quantile(0.99)}
}

// Idle is the resource use of the components of a cluster left alone.
type Idle struct {
	For        time.Duration
	Nodes      int
	Pods       int
	Components []Usage
	// Total is the CPU of the control plane: every component but Prometheus.
	Total float64
}

// Usage is one component's resource use while idle.
type Usage struct {
	Name string
	// CPU is in percent of one core; RSS and PeakRSS in bytes.
	CPU          float64
	RSS, PeakRSS uint64
	// Err is set when the process could not be read.
	Err string
}

// budget is kmctl's own target for a step; it applies only to the sizes
// it was set for. Figures of other tools are not printed beside it: they
// were measured on another day (docs/benchmarks.md has side-by-side runs).
type budget struct {
	// nodes is the node count during the step (before it, for a node step);
	// 0 means any. size is the object count the step reaches.
	nodes, size int
	target      time.Duration
}

// The performance budget of the design.
var (
	budgetNodes  = budget{size: 1000, target: 6 * time.Second}
	budgetPods   = budget{nodes: 1000, size: 10000, target: 45 * time.Second}
	budgetDelete = budget{nodes: 1000, size: 10000, target: 30 * time.Second}
	// budgetBigNodes has no target of its own: the target is on 0 → 5000.
	budgetBigNodes = budget{nodes: 1000, size: 5000}
	// budgetAllNodes times every node step together, from no node to 5000.
	budgetAllNodes = budget{size: 5000, target: 30 * time.Second}
	budgetBigPods  = budget{nodes: 5000, size: 100000, target: 15 * time.Minute}
)

// Targets of the idle step.
const (
	idleCPUTarget      = 15.0      // % of one core, whole control plane
	simulatorRSSTarget = 200 << 20 // bytes
)

// applies tells whether a budget was set for these sizes.
func (r budget) applies(nodes, size int) bool {
	return r.size == size && (r.nodes == 0 || r.nodes == nodes)
}

// timing is one timed scale step.
type timing struct {
	step string
	// objects were written (created or deleted) in took; size is the count
	// the step's budget is for, nodes the node count during it.
	objects, size, nodes int
	took                 time.Duration
	ref                  budget
	cost                 writeCost
}

// row renders a timed step beside its target and the ceiling.
func (t timing) row(c *Ceiling) Row {
	row := Row{
		Step:      t.step,
		Result:    fmt.Sprintf("%s (%s/s)", fmtDuration(t.took), fmtRate(float64(t.objects)/t.took.Seconds())),
		Apiserver: floorCell(c, t.objects, t.cost, t.took),
		Target:    "n/a at this size",
	}
	switch {
	case t.ref == budget{}: // a step with nothing to compare to
		row.Target = ""
	case !t.ref.applies(t.nodes, t.size):
	case t.ref.target == 0:
		row.Target = ""
	default:
		row.Target = "< " + fmtDuration(t.ref.target)
		row.Verdict = verdict(t.took < t.ref.target)
	}
	return row
}

// floorCell puts a step beside the ceiling: the apiserver's floor for the
// same writes and the share of its capacity the step used.
func floorCell(c *Ceiling, n int, cost writeCost, took time.Duration) string {
	floor := c.Floor(n, cost)
	if floor <= 0 || took <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("floor %s (%.0f%% used)", fmtDuration(floor), 100*floor.Seconds()/took.Seconds())
}

// verdict says whether a target was met.
func verdict(ok bool) string {
	if ok {
		return "ok"
	}
	return "MISSED"
}

// fmtDuration prints seconds with one decimal under two minutes, minutes
// above, without a trailing ".0".
func fmtDuration(d time.Duration) string {
	switch {
	case d < 2*time.Minute:
		return trimZero(fmt.Sprintf("%.1f", d.Seconds())) + " s"
	default:
		return trimZero(fmt.Sprintf("%.1f", d.Minutes())) + " min"
	}
}

// trimZero drops a trailing ".0".
func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// fmtRate prints a rate without spurious decimals.
func fmtRate(r float64) string {
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return "n/a"
	}
	if r >= 100 {
		return fmt.Sprintf("%.0f", r)
	}
	return fmt.Sprintf("%.1f", r)
}

// fmtSeconds prints a latency in ms.
func fmtSeconds(s float64) string {
	if math.IsNaN(s) {
		return "n/a"
	}
	return fmt.Sprintf("%.1f ms", s*1000)
}

// fmtQuantiles prints a median and a 99th percentile in seconds.
func fmtQuantiles(q Quantiles) string {
	if math.IsNaN(q.P50) {
		return "n/a"
	}
	return fmt.Sprintf("%.1f s / %.1f s", q.P50, q.P99)
}

// fmtMiB prints bytes in MiB.
func fmtMiB(b uint64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
