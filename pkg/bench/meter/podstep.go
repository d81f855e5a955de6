package meter

import (
	"time"

	"github.com/kmctl/kmctl/pkg/metrics"
)

// PodStep is what was sampled while pods were scheduled and started.
type PodStep struct {
	Name string
	Pods int
	Took time.Duration
	// Sampled is false when the metrics could not be read.
	Sampled bool
	Rates   Rates
	// Throughput is the scheduler's bindings per second over the step.
	Throughput float64
	// Attempts are the scheduling attempt latencies.
	Attempts Quantiles
	// Startup times the pods started in the step from their creation to
	// Running, BoundToRunning from their binding.
	Startup, BoundToRunning Quantiles
}

// Quantiles are the median and 99th percentile of a latency in seconds
// (NaN: nothing observed).
type Quantiles struct{ P50, P99 float64 }

// quantilesOf reads the median and 99th percentile of a histogram.
func quantilesOf(h metrics.Histogram) Quantiles {
	return Quantiles{P50: h.Quantile(0.5), P99: h.Quantile(0.99)}
}
