// Package metrics reads Prometheus metric pages and /proc: the figures
// every measurement in kmctl is made of (the benchmark, `bench run`,
// `scale pod --wait`).
package metrics

import (
	"math"
	"sort"
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

// Sub returns h minus an earlier snapshot of the same histogram, bucket by
// bucket: the observations made between the two. A bucket missing from
// earlier counts as empty; a negative difference (a restart) keeps h's count.
func (h Histogram) Sub(earlier Histogram) Histogram {
	before := make(map[float64]float64, len(earlier))
	for _, b := range earlier {
		before[b.UpperBound] = b.Count
	}
	out := make(Histogram, len(h))
	for i, b := range h {
		d := b.Count - before[b.UpperBound]
		if d < 0 {
			d = b.Count
		}
		out[i] = Bucket{UpperBound: b.UpperBound, Count: d}
	}
	return out
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

// Quantile estimates the q-quantile (0 <= q <= 1) the way Prometheus'
// histogram_quantile does: linear interpolation inside the bucket that
// holds the rank, the lower bound of the first bucket being 0, and the
// upper bound of the last finite bucket when the rank falls in +Inf.
// It returns NaN for an empty histogram.
func (h Histogram) Quantile(q float64) float64 {
	if len(h) < 2 || h.Total() <= 0 || q < 0 || q > 1 || math.IsNaN(q) {
		return math.NaN()
	}
	rank := q * h.Total()
	b := sort.Search(len(h)-1, func(i int) bool { return h[i].Count >= rank })
	if b == len(h)-1 {
		return h[len(h)-2].UpperBound
	}
	if b == 0 && h[0].UpperBound <= 0 {
		return h[0].UpperBound
	}
	start, end, count := 0.0, h[b].UpperBound, h[b].Count
	if b > 0 {
		start = h[b-1].UpperBound
		count -= h[b-1].Count
		rank -= h[b-1].Count
	}
	if count <= 0 {
		return end
	}
	return start + (end-start)*(rank/count)
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
