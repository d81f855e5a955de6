package report

import (
	"fmt"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/bench/meter"
)

// Upstream bars the scheduler's figures are put beside.
const (
	// throughputReference is clusterloader2's scheduler-throughput bar.
	throughputReference = "clusterloader2 ≥ 400/s"
	// startupReference is the upstream pod startup SLO.
	startupReference = "SLO p99 ≤ 5 s"
)

// CeilingRows are the apiserver's own rates.
func CeilingRows(c *Ceiling) []Row {
	return []Row{
		{
			Step:      "apiserver ceiling: pod creates",
			Result:    fmt.Sprintf("%s/s (%d in %s)", meter.FmtRate(c.Creates), c.Objects, meter.FmtDuration(c.CreateTook)),
			Apiserver: "this is the ceiling",
		},
		{
			Step:      "apiserver ceiling: status writes",
			Result:    fmt.Sprintf("%s/s (%d in %s)", meter.FmtRate(c.StatusWrites), c.Objects, meter.FmtDuration(c.StatusTook)),
			Apiserver: "this is the ceiling",
		},
	}
}

// PodStepRows are the scheduler's figures and the rate analysis of a pod step.
func PodStepRows(ps meter.PodStep, c *Ceiling) []Row {
	if !ps.Sampled {
		return []Row{{Step: ps.Name + ": rates", Result: "not sampled: metrics unreadable"}}
	}
	maxRate := "n/a"
	if r := c.MaxRate(PodCost); r > 0 {
		maxRate = fmt.Sprintf("≤ %s pods/s at 4 writes/pod", meter.FmtRate(r))
	}
	return []Row{
		{
			Step:      ps.Name + ": scheduler throughput",
			Result:    fmt.Sprintf("%s pods/s", meter.FmtRate(ps.Throughput)),
			Upstream:  throughputReference,
			Apiserver: maxRate,
		},
		{
			Step:   ps.Name + ": scheduling attempt p50 / p99",
			Result: meter.FmtSeconds(ps.Attempts.P50) + " / " + meter.FmtSeconds(ps.Attempts.P99),
		},
		{
			Step:     ps.Name + ": startup p50 / p99 (created → Running)",
			Result:   meter.FmtQuantiles(ps.Startup),
			Upstream: startupReference,
		},
		{
			Step:   ps.Name + ": bound → Running p50 / p99",
			Result: meter.FmtQuantiles(ps.BoundToRunning),
		},
		runningRow(ps.Name, ps.Rates),
		{
			Step: ps.Name + ": max backlog (bound, not Running)",
			Result: fmt.Sprintf("%.0f pods at %s; in the simulator at most %.0f, queued for a worker at most %.0f; status writes %s at worst (mean of an interval)",
				ps.Rates.MaxBacklog, meter.FmtDuration(ps.Rates.MaxBacklogAt), ps.Rates.MaxInSimulator, ps.Rates.MaxQueued,
				meter.FmtSeconds(ps.Rates.MaxWriteLatency.Seconds())),
		},
	}
}

// runningRow says whether the Running rate kept up with the binding rate.
func runningRow(step string, r meter.Rates) Row {
	row := Row{Step: step + ": Running rate / binding rate", Target: fmt.Sprintf("≥ %.0f%% every interval", 100*r.Threshold),
		Result: meter.RunningResult(r)}
	if r.Worst >= 0 {
		row.Verdict = verdict(r.Below == 0)
	}
	return row
}

// IdleRows are the idle cost of the control plane and the simulator's memory.
func IdleRows(idle *Idle) []Row {
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

// NodeRows are the rows of a node step from -> n that took took: its own,
// and when it did not start from 0, every node step so far together
// (allTook), which the 5000-node target is about. The step is judged by the
// first of refs that applies (else the first).
func NodeRows(step string, from, n int, took, allTook time.Duration, c *Ceiling, refs []Budget) []Row {
	ref := refs[0]
	for _, candidate := range refs {
		if candidate.applies(from, n) {
			ref = candidate
			break
		}
	}
	label := fmt.Sprintf("%s: %d → %d Ready", step, from, n)
	rows := []Row{Timing{Step: label, Objects: n - from, Size: n, Nodes: from, Took: took, Ref: ref, Cost: NodeCost}.Row(c)}
	if from > 0 {
		label := fmt.Sprintf("nodes: 0 → %d Ready (node steps together)", n)
		all := Timing{Step: label, Objects: n, Size: n, Took: allTook, Ref: BudgetAllNodes, Cost: NodeCost}
		rows = append(rows, all.Row(c))
	}
	return rows
}
