package report

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/metrics"
)

// StepHeartbeats is how the nodes' heartbeats went during one step: the
// NotReady transitions the controller-manager made, and the simulator's
// lease renewals. A nil histogram or a NaN is a figure that could not be
// read (an older simulator, or its /metrics unreadable).
type StepHeartbeats struct {
	Step     string
	NotReady NotReady
	// Lag and Age are the step's renewals: their lag after they were due,
	// and the age of the lease they renewed.
	Lag, Age metrics.Histogram
	// Late counts the renewals the simulator counted late: the lease older
	// than halfway from when its renewal was due to when it expires.
	Late float64
	// Oldest is the largest age of the oldest lease read during the step.
	Oldest float64
}

// Heartbeats prints how the heartbeats went during one step, on one line.
func (p *Printer) Heartbeats(hb StepHeartbeats) {
	f := hb.cells()
	fmt.Fprintf(p.w, "    heartbeats during %s: %s; %s renewals, lag p50 %s, p99 %s, max %s; age p99 %s, oldest %s; %s late\n",
		hb.Step, fmtNotReady(hb.NotReady), f.renewals, f.lagP50, f.lagP99, f.lagMax, f.ageP99, f.oldest, f.late)
}

// heartbeatCells are the lease figures of a step, formatted: "?" when
// unread, "n/a" when there were no renewals.
type heartbeatCells struct {
	renewals, lagP50, lagP99, lagMax, ageP99, oldest, late string
}

func (hb StepHeartbeats) cells() heartbeatCells {
	c := heartbeatCells{renewals: "?", lagP50: "?", lagP99: "?", lagMax: "?", ageP99: "?", oldest: "?", late: "?"}
	if hb.Lag != nil {
		c.renewals = fmt.Sprintf("%.0f", hb.Lag.Total())
		c.lagP50, c.lagP99 = fmtLeaseSeconds(hb.Lag.Quantile(0.5)), fmtLeaseSeconds(hb.Lag.Quantile(0.99))
		c.lagMax = fmtBucket(hb.Lag.HighestBucket())
	}
	if hb.Age != nil {
		c.ageP99 = fmtLeaseSeconds(hb.Age.Quantile(0.99))
	}
	if !math.IsNaN(hb.Late) {
		c.late = fmt.Sprintf("%.0f", hb.Late)
	}
	if !math.IsNaN(hb.Oldest) {
		c.oldest = fmtLeaseSeconds(hb.Oldest)
	}
	return c
}

// fmtLeaseSeconds prints seconds to the millisecond under 1 s, to a tenth
// under 100 s, whole above; NaN (nothing observed) is "n/a".
func fmtLeaseSeconds(s float64) string {
	switch {
	case math.IsNaN(s):
		return "n/a"
	case s >= 100:
		return fmt.Sprintf("%.0f s", s)
	case s >= 1:
		return meter.TrimZero(fmt.Sprintf("%.1f", s)) + " s"
	}
	return strconv.FormatFloat(math.Round(s*1000)/1000, 'f', -1, 64) + " s"
}

// fmtBucket prints a bucket's upper bound as "≤ 0.5 s", and one past the
// last finite bucket as "> 10 s"; "n/a" when no bucket gained.
func fmtBucket(bound, lastFinite float64) string {
	switch {
	case math.IsNaN(bound):
		return "n/a"
	case math.IsInf(bound, 1):
		return "> " + strconv.FormatFloat(lastFinite, 'g', 6, 64) + " s"
	}
	return "≤ " + strconv.FormatFloat(bound, 'g', 6, 64) + " s"
}

// markdownHeartbeats renders the heartbeats of every step and the
// NotReady transitions of the run.
func markdownHeartbeats(w io.Writer, steps []StepHeartbeats, run NotReady) {
	if len(steps) == 0 {
		return
	}
	fmt.Fprintf(w, "\n## Heartbeats per step\n\n")
	fmt.Fprintf(w, "| Step | NotReady transitions (nodes) | Renewals | Lag p50 | Lag p99 | Lag max | Age p99 | Oldest lease | Late |\n")
	fmt.Fprintf(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, hb := range steps {
		f := hb.cells()
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", cell(hb.Step), notReadyCell(hb.NotReady),
			f.renewals, f.lagP50, f.lagP99, f.lagMax, f.ageP99, f.oldest, f.late)
	}
	fmt.Fprintf(w, "\nOver the run: %s.\n", fmtNotReady(run))
}
