package benchrun

import (
	"time"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/stats"
)

// Startup phases, named as clusterloader2's pod startup latency measurement.
const (
	PhaseCreateToSchedule = "create_to_schedule"
	PhaseScheduleToRun    = "schedule_to_run"
	PhaseStartup          = "pod_startup"
)

// pendingStartup is a measured op whose startup phases are computed when
// the run ends, so that pods the op waited to see scheduled have had time
// to run.
type pendingStartup struct {
	metrics    *benchresult.Metrics
	sel        podSelection
	start, end time.Time
	// byBinding times the pods bound during the op rather than those
	// created during it: a span that starts the scheduler on a backlog
	// times pods created before it.
	byBinding bool
}

// times tells whether a pod's startup belongs to the op.
func (p pendingStartup) times(t *podTimes) bool {
	at := t.created
	if p.byBinding {
		at = t.bound
	}
	return !at.IsZero() && !at.Before(p.start) && !at.After(p.end) && p.sel.matches(t)
}

// startupPhases times the op's pods (see pendingStartup.times), from the
// watch's first sight of them created, bound and Running.
func (c *podClock) startupPhases(p pendingStartup) map[string]benchresult.Quantiles {
	var toSchedule, toRun, startup []float64
	c.each(func(t *podTimes) {
		if !p.times(t) {
			return
		}
		if !t.bound.IsZero() {
			toSchedule = append(toSchedule, t.bound.Sub(t.created).Seconds())
		}
		if !t.bound.IsZero() && !t.running.IsZero() {
			toRun = append(toRun, t.running.Sub(t.bound).Seconds())
		}
		if !t.running.IsZero() {
			startup = append(startup, t.running.Sub(t.created).Seconds())
		}
	})
	return map[string]benchresult.Quantiles{
		PhaseCreateToSchedule: stats.Latencies(toSchedule),
		PhaseScheduleToRun:    stats.Latencies(toRun),
		PhaseStartup:          stats.Latencies(startup),
	}
}
