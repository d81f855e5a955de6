package metrics

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
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

// CounterBy sums the series of name (as Counter does) by the value of one
// label.
func (f Families) CounterBy(name, label string) map[string]float64 {
	out := map[string]float64{}
	fam, ok := f[name]
	if !ok {
		return out
	}
	for _, m := range fam.GetMetric() {
		key := ""
		for _, lp := range m.GetLabel() {
			if lp.GetName() == label {
				key = lp.GetValue()
			}
		}
		out[key] += sampleValue(m)
	}
	return out
}

// GaugeMax is the largest value of the series of name (NaN without any):
// the oldest lease of several simulators is the oldest of theirs.
func (f Families) GaugeMax(name string) float64 {
	fam, ok := f[name]
	if !ok || len(fam.GetMetric()) == 0 {
		return math.NaN()
	}
	out := math.Inf(-1)
	for _, m := range fam.GetMetric() {
		out = max(out, sampleValue(m))
	}
	return out
}

// ParseOnly reads the families named from a metrics page and skips every
// other line before parsing, so that following one gauge of a large page
// (the scheduler's holds thousands of histogram lines) costs a scan, not a
// parse.
func ParseOnly(r io.Reader, names ...string) (Families, error) {
	var kept bytes.Buffer
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if lineNames(line, names) {
			kept.Write(line)
			kept.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cannot read metrics: %w", err)
	}
	return ParseMetrics(&kept)
}

// lineNames tells whether a page line is about one of the families: a
// sample of it, or its # HELP or # TYPE line.
func lineNames(line []byte, names []string) bool {
	rest := line
	if bytes.HasPrefix(rest, []byte("# HELP ")) || bytes.HasPrefix(rest, []byte("# TYPE ")) {
		rest = rest[len("# TYPE "):]
	}
	for _, n := range names {
		if bytes.HasPrefix(rest, []byte(n)) && len(rest) > len(n) && (rest[len(n)] == '{' || rest[len(n)] == ' ') {
			return true
		}
	}
	return false
}
