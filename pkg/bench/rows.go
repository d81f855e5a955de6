package bench

import (
	"fmt"

	"github.com/kmctl/kmctl/components"
)

// Upstream bars the scheduler's figures are put beside.
const (
	// throughputReference is clusterloader2's scheduler-throughput bar.
	throughputReference = "clusterloader2 ≥ 400/s"
	// startupReference is the upstream pod startup SLO.
	startupReference = "SLO p99 ≤ 5 s"
)

// ceilingRows are the apiserver's own rates.
func ceilingRows(c *Ceiling) []Row {
	return []Row{
		{
			Step:      "apiserver ceiling: pod creates",
			Result:    fmt.Sprintf("%s/s (%d in %s)", fmtRate(c.Creates), c.Objects, fmtDuration(c.CreateTook)),
			Apiserver: "this is the ceiling",
		},
		{
			Step:      "apiserver ceiling: status writes",
			Result:    fmt.Sprintf("%s/s (%d in %s)", fmtRate(c.StatusWrites), c.Objects, fmtDuration(c.StatusTook)),
			Apiserver: "this is the ceiling",
		},
	}
}

// podStepRows are the scheduler's figures and the rate analysis of a pod step.
func podStepRows(ps PodStep, c *Ceiling) []Row {
	if !ps.Sampled {
		return []Row{{Step: ps.Name + ": rates", Result: "not sampled: metrics unreadable"}}
	}
	maxRate := "n/a"
	if r := c.MaxRate(podCost); r > 0 {
		maxRate = fmt.Sprintf("≤ %s pods/s at 4 writes/pod", fmtRate(r))
	}
	return []Row{
		{
			Step:      ps.Name + ": scheduler throughput",
			Result:    fmt.Sprintf("%s pods/s", fmtRate(ps.Throughput)),
			Upstream:  throughputReference,
			Apiserver: maxRate,
		},
		{
			Step:   ps.Name + ": scheduling attempt p50 / p99",
			Result: fmtSeconds(ps.Attempts.P50) + " / " + fmtSeconds(ps.Attempts.P99),
		},
		{
			Step:     ps.Name + ": startup p50 / p99 (created → Running)",
			Result:   fmtQuantiles(ps.Startup),
			Upstream: startupReference,
		},
		{
			Step:   ps.Name + ": bound → Running p50 / p99",
			Result: fmtQuantiles(ps.BoundToRunning),
		},
		runningRow(ps.Name, ps.Rates),
		{
			Step: ps.Name + ": max backlog (bound, not Running)",
			Result: fmt.Sprintf("%.0f pods at %s; in the simulator at most %.0f, queued for a worker at most %.0f; status writes %s at worst (mean of an interval)",
				ps.Rates.MaxBacklog, fmtDuration(ps.Rates.MaxBacklogAt), ps.Rates.MaxInSimulator, ps.Rates.MaxQueued,
				fmtSeconds(ps.Rates.MaxWriteLatency.Seconds())),
		},
	}
}

// runningRow says whether the Running rate kept up with the binding rate.
func runningRow(step string, r Rates) Row {
	row := Row{Step: step + ": Running rate / binding rate", Target: fmt.Sprintf("≥ %.0f%% every interval", 100*r.Threshold)}
	if r.Worst < 0 {
		row.Result = "n/a: no interval bound enough pods"
		return row
	}
	w := r.Intervals[r.Worst]
	comparable := 0
	for _, iv := range r.Intervals {
		if iv.Comparable {
			comparable++
		}
	}
	row.Result = fmt.Sprintf("worst %.0f%% (%s–%s), %d of %d below",
		100*w.Ratio(), fmtDuration(w.From), fmtDuration(w.To), r.Below, comparable)
	row.Verdict = verdict(r.Below == 0)
	return row
}

// idleRows are the idle cost of the control plane and the simulator's memory.
func idleRows(idle *Idle) []Row {
	rows := []Row{{
		Step:    fmt.Sprintf("idle CPU, control plane (%d nodes, %d pods)", idle.Nodes, idle.Pods),
		Result:  fmt.Sprintf("%.1f%% of a core", idle.Total),
		Target:  fmt.Sprintf("< %.0f%%", idleCPUTarget),
		Verdict: verdict(idle.Total < idleCPUTarget),
	}}
	if sim, ok := findUsage(idle.Components, components.Simulator); ok && sim.Err == "" {
		rows = append(rows, Row{
			Step:    "idle simulator RSS",
			Result:  fmtMiB(sim.RSS),
			Target:  "< " + fmtMiB(simulatorRSSTarget),
			Verdict: verdict(sim.RSS < simulatorRSSTarget),
		})
	}
	return rows
}
