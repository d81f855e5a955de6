package report

import (
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/scale"
)

// Options are the flags of `kmctl benchmark`, which the report records.
type Options struct {
	// Name is the cluster the run creates; it must not exist.
	Name string
	// Keep leaves the cluster running at the end.
	Keep bool
	// Nodes and Pods are the sizes of the first steps.
	Nodes, Pods int
	// BigNodes and BigPods are the sizes of the big steps, unless SkipBig.
	BigNodes, BigPods int
	SkipBig           bool
	// Idle is how long the idle cost is measured over; 0 skips the idle
	// step. Go forces a garbage collection in every component at least
	// every 2 minutes, and at 100 000 pods the apiserver's alone is 4-5
	// CPU-seconds, so a window of 4 minutes holds two of each instead of
	// zero or one (a 60 s window read the apiserver at 7 % or 12 %).
	Idle time.Duration
	// Settle is how long the cluster rests after the last step before the
	// idle cost is measured: what a burst leaves behind is not idle cost.
	// The apiserver compacts etcd every 5 minutes, and the first compaction
	// after 100 000 pods removes the burst's last revisions (4.9 s against
	// 3.4 s at rest); the control plane read 31 % of a core 2-6 minutes
	// after such a burst and 25-27 % from 7 minutes on (2026-12-01, a slow
	// machine), so the default rest outlasts one compaction period.
	Settle time.Duration
	// Backlog is how many pods the backlog step creates with the scheduler
	// stopped, on the first steps' nodes, before timing the scheduler
	// draining them; 0 skips the step.
	Backlog int
	// CeilingObjects is how many pods measure the apiserver's ceiling; 0
	// skips it.
	CeilingObjects int
	// Writers is how many requests are in flight in the ceiling, node and
	// delete steps.
	Writers int
	// PodWriters is how many pod creates are in flight in the first pod
	// step. Creates must keep the scheduler fed: on 1000 nodes it binds
	// faster than a few writers create when the machine is slow. Measured on
	// 2 slow cores on 2026-12-01 (ceilings 462-715 creates/s), 10 000 pods
	// on 1000 nodes took 113.7 s with 8 writers (218 CPU-seconds in all),
	// 72.3 s with 24 (141), 68.6 s with 64 (134) and 64.9 s with 256 (127,
	// but Running fell to 17 % of binding: the simulator's status writes
	// queued behind the creates).
	PodWriters int
	// BigPodWriters is how many pod creates are in flight in the big pod
	// step, where the scheduler, scoring 5000 nodes, binds more slowly, so
	// more creators only queue in the apiserver and take its CPU when it
	// is sending bound pods to the simulator. 100 000 pods on 5000 nodes:
	// 9.1 min with 8 writers and with 24 (fast machine), but Running fell
	// below 80 % of binding in 1 interval of 54 with 8 against 5 of 55 with
	// 24; on a slow machine 17.7 min with 8 (1 of 105 below) and 16.3 min
	// with 24 (10 of 97 below).
	BigPodWriters int
	// SampleInterval is how often the counters are read during pod steps.
	SampleInterval time.Duration
	// StepTimeout bounds each scale step, its wait included.
	StepTimeout time.Duration
	// NodeMonitorGracePeriod is the cluster's (kmctl create cluster's
	// --node-monitor-grace-period): it sets how often the simulator renews
	// the node leases, hence the heartbeat load on the apiserver and etcd.
	NodeMonitorGracePeriod time.Duration
	// Extras are flags and environment added to the cluster's components.
	Extras components.Extras
	// Output is a Markdown file to write the report to; empty writes none.
	Output string
	// Results is the dir for the bench run results of the budget's
	// workloads, one run dir each; empty means a new dir under kmctl's
	// state dir.
	Results string
}

// DefaultOptions are the sizes of the design's performance budget.
func DefaultOptions() Options {
	return Options{
		Name:           "kmctl-bench",
		Nodes:          1000,
		Pods:           10000,
		BigNodes:       5000,
		BigPods:        100000,
		Idle:           4 * time.Minute,
		Settle:         5 * time.Minute,
		CeilingObjects: 3000,
		Writers:        scale.DefaultParallel,
		PodWriters:     24,
		BigPodWriters:  8,
		SampleInterval: meter.DefaultSampleInterval,
		StepTimeout:    time.Hour,

		NodeMonitorGracePeriod: cluster.DefaultNodeMonitorGracePeriod,
	}
}
