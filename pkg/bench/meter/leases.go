package meter

import (
	"math"

	"github.com/kmctl/kmctl/pkg/metrics"
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

// LeaseReading is one reading of the simulator's lease metrics. A nil
// histogram or a NaN is a metric the page does not have; Read is false
// when the page could not be fetched.
type LeaseReading struct {
	Read         bool
	Lag, Age     metrics.Histogram
	Late, Oldest float64
}

// UnreadLeases is a reading that failed.
func UnreadLeases() LeaseReading {
	return LeaseReading{Late: math.NaN(), Oldest: math.NaN()}
}

// ReadLeases takes the lease metrics from the simulator's page.
func ReadLeases(f metrics.Families) LeaseReading {
	r := LeaseReading{Read: true, Lag: f.Histogram(metricLeaseLag, nil), Age: f.Histogram(metricLeaseAge, nil),
		Late: math.NaN(), Oldest: f.GaugeMax(metricLeaseOldest)}
	if _, ok := f[metricLeaseLate]; ok {
		r.Late = f.Counter(metricLeaseLate, nil)
	}
	return r
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
