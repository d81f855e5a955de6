// Package metrics reads Prometheus metric pages and /proc: the figures
// every measurement in kmctl is made of (the benchmark, `bench run`,
// `scale pod --wait`).
package metrics

import (
	"math"
	"sort"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/stats"
)

// Bucket is one cumulative histogram bucket: Count observations were at
// most UpperBound.
type Bucket struct {
	UpperBound float64
	Count      float64
}

// Histogram is a cumulative histogram with buckets sorted by upper bound;
// the last bucket is +Inf and holds the total.
type Histogram []Bucket

// Total is the number of observations.
func (h Histogram) Total() float64 {
	if len(h) == 0 {
		return 0
	}
	return h[len(h)-1].Count
}

// Sub returns h minus an earlier reading of the same histogram: the
// observations made between the two (see stats.Sub; a restart in between
// gives h itself).
func (h Histogram) Sub(earlier Histogram) Histogram {
	d := stats.Sub(benchresult.Histogram{Buckets: h.Result()}, benchresult.Histogram{Buckets: earlier.Result()})
	return FromResult(d.Buckets)
}

// addBuckets adds buckets to a map keyed by upper bound.
func addBuckets(sum map[float64]float64, buckets []Bucket) {
	for _, b := range buckets {
		sum[b.UpperBound] += b.Count
	}
}

// histogramFromMap sorts summed buckets and makes sure the last one is +Inf.
func histogramFromMap(sum map[float64]float64, total float64) Histogram {
	h := make(Histogram, 0, len(sum)+1)
	for ub, c := range sum {
		h = append(h, Bucket{UpperBound: ub, Count: c})
	}
	sort.Slice(h, func(i, j int) bool { return h[i].UpperBound < h[j].UpperBound })
	if len(h) == 0 || !math.IsInf(h[len(h)-1].UpperBound, 1) {
		h = append(h, Bucket{UpperBound: math.Inf(1), Count: total})
	}
	return h
}

// Quantile estimates the q-quantile (0 <= q <= 1) as Prometheus'
// histogram_quantile does (see stats.Quantile); NaN when h is empty.
func (h Histogram) Quantile(q float64) float64 {
	return stats.Quantile(h.Result(), q)
}

// Result is h as the result file keeps buckets.
func (h Histogram) Result() []benchresult.Bucket {
	out := make([]benchresult.Bucket, len(h))
	for i, b := range h {
		out[i] = benchresult.Bucket{UpperBound: benchresult.Float(b.UpperBound), Count: b.Count}
	}
	return out
}

// FromResult is the histogram of buckets as the result file keeps them.
func FromResult(buckets []benchresult.Bucket) Histogram {
	out := make(Histogram, len(buckets))
	for i, b := range buckets {
		out[i] = Bucket{UpperBound: float64(b.UpperBound), Count: b.Count}
	}
	return out
}

// HighestBucket is the upper bound of the highest bucket that gained
// observations (+Inf when one exceeded every finite bucket; NaN when
// none), and the highest finite bound.
func (h Histogram) HighestBucket() (bound, lastFinite float64) {
	bound, lastFinite = math.NaN(), math.NaN()
	for i := len(h) - 1; i >= 0; i-- {
		below := 0.0
		if i > 0 {
			below = h[i-1].Count
		}
		if math.IsNaN(bound) && h[i].Count > below {
			bound = h[i].UpperBound
		}
		if math.IsNaN(lastFinite) && !math.IsInf(h[i].UpperBound, 1) {
			lastFinite = h[i].UpperBound
		}
	}
	return bound, lastFinite
}
