package metrics

import (
	"strings"

	dto "github.com/prometheus/client_model/go"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/stats"
)

// Summed is a histogram with the sum of its observations.
type Summed struct {
	Histogram Histogram
	Sum       float64
}

// Result is s as the result file keeps a histogram, with its quantiles.
func (s Summed) Result() benchresult.Histogram {
	return stats.FromBuckets(s.Histogram.Result(), s.Sum)
}

// HistogramsBy sums the histogram series of name whose labels include match,
// grouped by the values of the labels by (joined with "/"), e.g. the
// scheduler's plugin durations by plugin and extension point.
func (f Families) HistogramsBy(name string, match map[string]string, by ...string) map[string]Summed {
	fam, ok := f[name]
	if !ok {
		return nil
	}
	type acc struct {
		buckets    map[float64]float64
		total, sum float64
	}
	groups := map[string]*acc{}
	for _, m := range fam.GetMetric() {
		if m.Histogram == nil || !labelsMatch(m, match) {
			continue
		}
		key := groupKey(m, by)
		a := groups[key]
		if a == nil {
			a = &acc{buckets: map[float64]float64{}}
			groups[key] = a
		}
		h := m.GetHistogram()
		a.total += float64(h.GetSampleCount())
		a.sum += h.GetSampleSum()
		for _, b := range h.GetBucket() {
			a.buckets[b.GetUpperBound()] += float64(b.GetCumulativeCount())
		}
	}
	out := make(map[string]Summed, len(groups))
	for key, a := range groups {
		out[key] = Summed{Histogram: histogramFromMap(a.buckets, a.total), Sum: a.sum}
	}
	return out
}

// groupKey joins the values of the labels by of m.
func groupKey(m *dto.Metric, by []string) string {
	vals := make([]string, len(by))
	for _, lp := range m.GetLabel() {
		for i, name := range by {
			if lp.GetName() == name {
				vals[i] = lp.GetValue()
			}
		}
	}
	return strings.Join(vals, "/")
}

// CountersBy sums the counter series of name whose labels include match,
// grouped by the values of the labels by (joined with "/").
func (f Families) CountersBy(name string, match map[string]string, by ...string) map[string]float64 {
	out := map[string]float64{}
	fam, ok := f[name]
	if !ok {
		return out
	}
	for _, m := range fam.GetMetric() {
		if labelsMatch(m, match) {
			out[groupKey(m, by)] += sampleValue(m)
		}
	}
	return out
}
