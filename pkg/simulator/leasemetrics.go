package simulator

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// leaseMetrics time the heartbeats: how late each renewal was, and how old
// its lease had grown.
type leaseMetrics struct {
	lag, age prometheus.Histogram
	late     prometheus.Counter
}

// leaseLagBuckets reach past the longest lease a kubelet would hold (40 s).
var leaseLagBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 20, 30, 60, 120, 300}

// leaseAgeFractions are the age buckets, as parts of the lease duration:
// a renewal is due at a fraction of it (see Options.RenewFraction), and the
// node goes NotReady past 1.
var leaseAgeFractions = []float64{0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.75, 0.8, 0.9, 1, 1.5, 2}

// registerLeases adds the heartbeat metrics for leases of duration, and the
// age of the oldest lease now, read from oldest at every scrape.
func (m *Metrics) registerLeases(duration time.Duration, oldest func() time.Duration) {
	if m == nil {
		return
	}
	ages := make([]float64, len(leaseAgeFractions))
	for i, f := range leaseAgeFractions {
		ages[i] = f * duration.Seconds()
	}
	m.leases = &leaseMetrics{
		lag: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "kmctl_simulator_lease_renewal_lag_seconds",
			Help:    "Time from when a node lease renewal was due to when the apiserver accepted it.",
			Buckets: leaseLagBuckets,
		}),
		age: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "kmctl_simulator_lease_age_seconds",
			Help:    "Age of a node lease (since its previous renewal) when a renewal was accepted.",
			Buckets: ages,
		}),
		late: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kmctl_simulator_lease_late_total",
			Help: "Node lease renewals accepted late: the lease older than halfway from when its renewal was due to when it expires.",
		}),
	}
	m.Registry.MustRegister(m.leases.lag, m.leases.age, m.leases.late,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "kmctl_simulator_lease_oldest_age_seconds",
			Help: "Age of the oldest node lease the simulator holds (0 before any renewal).",
		}, func() float64 { return oldest().Seconds() }))
}

// leaseRenewed records an accepted renewal lag after it was due, of a
// lease aged age (0: its first); late is true past lateAge.
func (m *Metrics) leaseRenewed(lag, age time.Duration, late bool) {
	if m == nil || m.leases == nil {
		return
	}
	m.leases.lag.Observe(lag.Seconds())
	if age > 0 {
		m.leases.age.Observe(age.Seconds())
	}
	if late {
		m.leases.late.Inc()
	}
}
