package bench

import (
	"github.com/kmctl/kmctl/pkg/metrics"

	"fmt"
	"io"
	"math"
	"strconv"
)

// The simulator's node lease metrics.
const (
	// metricLeaseLag times each renewal from when it was due to when the
	// apiserver accepted it.
	metricLeaseLag = "kmctl_simulator_lease_renewal_lag_seconds"
	// metricLeaseAge is the age of each lease (since its previous renewal)
	// when it was renewed.
	metricLeaseAge = "kmctl_simulator_lease_age_seconds"
	// metricLeaseLate counts the renewals of a lease older than halfway from
	// when its renewal was due to when it expires.
	metricLeaseLate = "kmctl_simulator_lease_late_total"
	// metricLeaseOldest is the age of the oldest lease the simulator holds.
	metricLeaseOldest = "kmctl_simulator_lease_oldest_age_seconds"
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

// leaseReading is one reading of the simulator's lease metrics. A nil
// histogram or a NaN is a metric the page does not have; read is false
// when the page could not be fetched.
type leaseReading struct {
	read         bool
	lag, age     metrics.Histogram
	late, oldest float64
}

// unreadLeases is a reading that failed.
func unreadLeases() leaseReading {
	return leaseReading{late: math.NaN(), oldest: math.NaN()}
}

// readLeases takes the lease metrics from the simulator's page.
func readLeases(f metrics.Families) leaseReading {
	r := leaseReading{read: true, lag: f.Histogram(metricLeaseLag, nil), age: f.Histogram(metricLeaseAge, nil),
		late: math.NaN(), oldest: f.GaugeMax(metricLeaseOldest)}
	if _, ok := f[metricLeaseLate]; ok {
		r.late = f.Counter(metricLeaseLate, nil)
	}
	return r
}

// stepHeartbeats is what the lease metrics grew by between the readings
// around a step. A metric missing from the first reading only is counted
// from zero: the simulator exports a labelled series on first use.
// oldest is the largest oldest-lease age read during the step.
func stepHeartbeats(step string, before, after leaseReading, oldest float64) StepHeartbeats {
	hb := StepHeartbeats{Step: step, Late: math.NaN(), Oldest: oldest}
	if !before.read || !after.read {
		return hb
	}
	if after.lag != nil {
		hb.Lag = after.lag.Sub(before.lag)
	}
	if after.age != nil {
		hb.Age = after.age.Sub(before.age)
	}
	if !math.IsNaN(after.late) {
		hb.Late = counterDelta(zeroIfNaN(before.late), after.late)
	}
	return hb
}

func zeroIfNaN(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// maxOf is the larger of two readings, ignoring one that is NaN.
func maxOf(a, b float64) float64 {
	switch {
	case math.IsNaN(a):
		return b
	case math.IsNaN(b):
		return a
	}
	return max(a, b)
}

// Heartbeats prints how the heartbeats went during one step, on one line.
func (p *Printer) Heartbeats(hb StepHeartbeats) {
	f := hb.cells()
	fmt.Fprintf(p.w, "    heartbeats during %s: %s; %s renewals, lag p50 %s, p99 %s, max %s; age p99 %s, oldest %s; %s late\n",
		hb.Step, fmtNotReady(hb.NotReady), f.renewals, f.lagP50, f.lagP99, f.lagMax, f.ageP99, f.oldest, f.late)
}

// NodeHealth prints the NotReady transitions of the whole run.
func (p *Printer) NodeHealth(n NotReady) {
	fmt.Fprintf(p.w, "    nodes over the run: %s\n", fmtNotReady(n))
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
		return trimZero(fmt.Sprintf("%.1f", s)) + " s"
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

// notReadyCell prints transitions and nodes as "3 (2)", "?" when unwatched.
func notReadyCell(n NotReady) string {
	if !n.Watched {
		return "?"
	}
	return fmt.Sprintf("%d (%d)", n.Transitions, n.Nodes)
}
