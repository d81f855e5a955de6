package bench

import (
	"math"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/bench/report"
)

// stepHeartbeats is what the lease metrics grew by between the readings
// around a step. A metric missing from the first reading only is counted
// from zero: the simulator exports a labelled series on first use.
// oldest is the largest oldest-lease age read during the step.
func stepHeartbeats(step string, before, after meter.LeaseReading, oldest float64) report.StepHeartbeats {
	hb := report.StepHeartbeats{Step: step, Late: math.NaN(), Oldest: oldest}
	if !before.Read || !after.Read {
		return hb
	}
	if after.Lag != nil {
		hb.Lag = after.Lag.Sub(before.Lag)
	}
	if after.Age != nil {
		hb.Age = after.Age.Sub(before.Age)
	}
	if !math.IsNaN(after.Late) {
		hb.Late = meter.CounterDelta(zeroIfNaN(before.Late), after.Late)
	}
	return hb
}

// zeroIfNaN reads a metric the page did not have as zero.
func zeroIfNaN(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}
