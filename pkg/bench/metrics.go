package bench

import (
	"fmt"
	"io"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Metric names the benchmark reads.
const (
	// metricScheduled counts the scheduler's successful attempts (bindings)
	// with result="scheduled".
	metricScheduled = "scheduler_schedule_attempts_total"
	// metricAttemptDuration is the scheduler's per-attempt latency histogram.
	metricAttemptDuration = "scheduler_scheduling_attempt_duration_seconds"
	// metricStarted counts the pods the simulator moved to Running.
	metricStarted = "kmctl_simulator_pods_started_total"
	// metricSeen counts the bound pods the simulator received waiting to run.
	metricSeen = "kmctl_simulator_pods_seen_total"
	// metricQueue is the depth of the simulator's work queues.
	metricQueue = "kmctl_simulator_queue_depth"
	// metricWriteDuration is the simulator's write latency histogram, by kind.
	metricWriteDuration = "kmctl_simulator_write_duration_seconds"
	// metricPodStart is the simulator's pod startup histogram, from the
	// pod's creation or from its binding to Running.
	metricPodStart = "kmctl_simulator_pod_start_duration_seconds"
)

// scheduledOnly selects the series of successful scheduling attempts.
var scheduledOnly = map[string]string{"result": "scheduled"}

// podQueue selects the simulator's pod work queue.
var podQueue = map[string]string{"queue": "pods"}

// podStatusWrites selects the simulator's pod status writes.
var podStatusWrites = map[string]string{"kind": "pod_status"}

// fromCreated and fromScheduled select the pod startup series timed from
// the pod's creation and from its binding.
var (
	fromCreated   = map[string]string{"from": "created"}
	fromScheduled = map[string]string{"from": "scheduled"}
)

// Families are the metric families of one /metrics page, by name.
type Families map[string]*dto.MetricFamily

// ParseMetrics reads the Prometheus text exposition format.
func ParseMetrics(r io.Reader) (Families, error) {
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(r)
	if err != nil {
		return nil, fmt.Errorf("cannot parse metrics: %w", err)
	}
	return Families(fams), nil
}

// Counter sums the counter (or untyped, or gauge) series of name whose labels
// include every pair of match. A missing family is 0: Kubernetes registers
// series on first use.
func (f Families) Counter(name string, match map[string]string) float64 {
	fam, ok := f[name]
	if !ok {
		return 0
	}
	sum := 0.0
	for _, m := range fam.GetMetric() {
		if labelsMatch(m, match) {
			sum += sampleValue(m)
		}
	}
	return sum
}

// sampleValue is the value of a counter, untyped or gauge series (0 for
// other types).
func sampleValue(m *dto.Metric) float64 {
	switch {
	case m.Counter != nil:
		return m.GetCounter().GetValue()
	case m.Untyped != nil:
		return m.GetUntyped().GetValue()
	case m.Gauge != nil:
		return m.GetGauge().GetValue()
	}
	return 0
}

// Histogram sums the histogram series of name whose labels include match
// into one histogram; it is empty when there are none.
func (f Families) Histogram(name string, match map[string]string) Histogram {
	fam, ok := f[name]
	if !ok {
		return nil
	}
	sum := map[float64]float64{}
	total, found := 0.0, false
	for _, m := range fam.GetMetric() {
		if m.Histogram == nil || !labelsMatch(m, match) {
			continue
		}
		found = true
		total += float64(m.GetHistogram().GetSampleCount())
		var buckets []Bucket
		for _, b := range m.GetHistogram().GetBucket() {
			buckets = append(buckets, Bucket{UpperBound: b.GetUpperBound(), Count: float64(b.GetCumulativeCount())})
		}
		addBuckets(sum, buckets)
	}
	if !found {
		return nil
	}
	return histogramFromMap(sum, total)
}

// HistogramTotals sums the sample sum and count of the histogram series of
// name whose labels include match (0, 0 when there are none).
func (f Families) HistogramTotals(name string, match map[string]string) (sum, count float64) {
	fam, ok := f[name]
	if !ok {
		return 0, 0
	}
	for _, m := range fam.GetMetric() {
		if m.Histogram != nil && labelsMatch(m, match) {
			sum += m.GetHistogram().GetSampleSum()
			count += float64(m.GetHistogram().GetSampleCount())
		}
	}
	return sum, count
}

// labelsMatch reports whether m carries every label of match.
func labelsMatch(m *dto.Metric, match map[string]string) bool {
	found := 0
	for _, lp := range m.GetLabel() {
		if v, ok := match[lp.GetName()]; ok {
			if v != lp.GetValue() {
				return false
			}
			found++
		}
	}
	return found == len(match)
}
