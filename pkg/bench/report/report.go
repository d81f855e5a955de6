package report

import (
	"fmt"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/bench/meter"
)

// Report is everything one benchmark run measured, in the order it ran.
type Report struct {
	Started time.Time
	// Machine describes the host, e.g. "2 cores, 24 GiB".
	Machine string
	// Cluster and KubeVersion name the cluster the run created.
	Cluster, KubeVersion string
	Options              Options
	// Results holds a bench run dir for each of the budget's workloads
	// (result.json, report.html, summary.md).
	Results string
	// Ceiling is the apiserver's own ceiling; nil until measured.
	Ceiling *Ceiling
	// Rows are the headline figures, one line each.
	Rows []Row
	// PodSteps hold the sampled rates of the pod steps.
	PodSteps []meter.PodStep
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

// WriteCost counts the writes one object costs the apiserver, as creates
// (creates, bindings, events, deletes) and status writes.
type WriteCost struct{ creates, statuses float64 }

// Write costs of the steps; they are lower bounds.
var (
	// NodeCost: the node and its first status. Its lease is created later, at
	// a random point of the first renewal interval (so that nodes made
	// together do not renew together), outside the step.
	NodeCost = WriteCost{creates: 1, statuses: 1}
	// PodCost: the pod, its binding, the Scheduled event; its Running status.
	PodCost = WriteCost{creates: 3, statuses: 1}
	// DeleteCost: one delete, taken to cost what a create does.
	DeleteCost = WriteCost{creates: 1}
	// BacklogCost is what draining one pod costs the apiserver: its binding
	// and the Scheduled event, and its Running status (the pod exists already).
	BacklogCost = WriteCost{creates: 2, statuses: 1}
)

// Floor is the least time the apiserver needs for n objects of a cost when
// it does nothing else, at the ceiling's rates.
func (c *Ceiling) Floor(n int, cost WriteCost) time.Duration {
	if c == nil || c.Creates <= 0 || c.StatusWrites <= 0 {
		return 0
	}
	secs := float64(n) * (cost.creates/c.Creates + cost.statuses/c.StatusWrites)
	return time.Duration(secs * float64(time.Second))
}

// MaxRate is the most objects of a cost per second the ceiling allows.
func (c *Ceiling) MaxRate(cost WriteCost) float64 {
	f := c.Floor(1000, cost)
	if f <= 0 {
		return 0
	}
	return 1000 / f.Seconds()
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

// IdleComponents are the processes whose idle cost is measured, in the
// order they are reported.
var IdleComponents = []string{
	components.Etcd, components.KubeAPIServer, components.KubeControllerManager,
	components.KubeScheduler, components.Simulator, components.Prometheus,
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

// findUsage returns the named component's usage.
func findUsage(us []Usage, name string) (Usage, bool) {
	for _, u := range us {
		if u.Name == name {
			return u, true
		}
	}
	return Usage{}, false
}

// Budget is kmctl's own target for a step; it applies only to the sizes
// it was set for. Figures of other tools are not printed beside it: they
// were measured on another day (docs/benchmarks.md has side-by-side runs).
type Budget struct {
	// nodes is the node count during the step (before it, for a node step);
	// 0 means any. size is the object count the step reaches.
	nodes, size int
	target      time.Duration
}

// The performance budget of the design.
var (
	// BudgetNodes is on the first node step, BudgetPods on the first pod
	// step and BudgetDelete on their deletion.
	BudgetNodes  = Budget{size: 1000, target: 6 * time.Second}
	BudgetPods   = Budget{nodes: 1000, size: 10000, target: 45 * time.Second}
	BudgetDelete = Budget{nodes: 1000, size: 10000, target: 30 * time.Second}
	// BudgetBigNodes has no target of its own: the target is on 0 → 5000.
	BudgetBigNodes = Budget{nodes: 1000, size: 5000}
	// BudgetAllNodes times every node step together, from no node to 5000.
	BudgetAllNodes = Budget{size: 5000, target: 30 * time.Second}
	// BudgetBigPods is on the big pod step.
	BudgetBigPods = Budget{nodes: 5000, size: 100000, target: 15 * time.Minute}
)

// Targets of the idle step.
const (
	idleCPUTarget      = 15.0      // % of one core, whole control plane
	simulatorRSSTarget = 200 << 20 // bytes
)

// applies tells whether a budget was set for these sizes.
func (r Budget) applies(nodes, size int) bool {
	return r.size == size && (r.nodes == 0 || r.nodes == nodes)
}

// Timing is one timed scale step.
type Timing struct {
	Step string
	// Objects were written (created or deleted) in Took; Size is the count
	// the step's budget is for, Nodes the node count during it.
	Objects, Size, Nodes int
	Took                 time.Duration
	// Ref is the step's budget; the zero Budget when it has none.
	Ref  Budget
	Cost WriteCost
}

// Row renders a timed step beside its target and the ceiling.
func (t Timing) Row(c *Ceiling) Row {
	row := Row{
		Step:      t.Step,
		Result:    fmt.Sprintf("%s (%s/s)", meter.FmtDuration(t.Took), meter.FmtRate(float64(t.Objects)/t.Took.Seconds())),
		Apiserver: floorCell(c, t.Objects, t.Cost, t.Took),
		Target:    "n/a at this size",
	}
	switch {
	case t.Ref == Budget{}: // a step with nothing to compare to
		row.Target = ""
	case !t.Ref.applies(t.Nodes, t.Size):
	case t.Ref.target == 0:
		row.Target = ""
	default:
		row.Target = "< " + meter.FmtDuration(t.Ref.target)
		row.Verdict = verdict(t.Took < t.Ref.target)
	}
	return row
}

// floorCell puts a step beside the ceiling: the apiserver's floor for the
// same writes and the share of its capacity the step used.
func floorCell(c *Ceiling, n int, cost WriteCost, took time.Duration) string {
	floor := c.Floor(n, cost)
	if floor <= 0 || took <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("floor %s (%.0f%% used)", meter.FmtDuration(floor), 100*floor.Seconds()/took.Seconds())
}

// verdict says whether a target was met.
func verdict(ok bool) string {
	if ok {
		return "ok"
	}
	return "MISSED"
}

// fmtMiB prints bytes in MiB.
func fmtMiB(b uint64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
