package stats

import (
	"math"
	"sort"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// Quantile estimates the q-quantile (0 <= q <= 1) of a cumulative histogram
// whose buckets are sorted by upper bound, the last being +Inf, the way
// Prometheus' histogram_quantile does: it finds the bucket holding rank
// q*total and interpolates linearly inside it, taking 0 as the lower bound
// of the first bucket (or the bound itself when it is not positive). A rank
// in the +Inf bucket gives the highest finite bound, which then is only a
// lower bound of the truth. It returns NaN for an empty histogram, one
// without a finite bucket, or q outside [0, 1].
func Quantile(buckets []benchresult.Bucket, q float64) float64 {
	n := len(buckets)
	if n < 2 || !(q >= 0 && q <= 1) {
		return math.NaN()
	}
	total := buckets[n-1].Count
	if total <= 0 {
		return math.NaN()
	}
	rank := q * total
	// The first bucket reaching the rank that holds anything: for q = 0
	// that is the bucket of the lowest observation, not an empty one below.
	b := sort.Search(n-1, func(i int) bool { return buckets[i].Count >= rank && buckets[i].Count > 0 })
	if b == n-1 {
		return float64(buckets[n-2].UpperBound)
	}
	upper := float64(buckets[b].UpperBound)
	if b == 0 && upper <= 0 {
		return upper
	}
	lower, count := 0.0, buckets[b].Count
	if b > 0 {
		lower = float64(buckets[b-1].UpperBound)
		count -= buckets[b-1].Count
		rank -= buckets[b-1].Count
	}
	return lower + (upper-lower)*(rank/count)
}

// FromBuckets makes a result histogram of cumulative buckets and the sum of
// the observations: the buckets sorted by upper bound (with a +Inf bucket
// holding the highest count when they lack one), the count, and p50, p90
// and p99 by Quantile. An empty histogram has zero quantiles. Max stays 0:
// a histogram knows only the bucket of its largest observation.
func FromBuckets(buckets []benchresult.Bucket, sum float64) benchresult.Histogram {
	b := sortBuckets(buckets)
	h := benchresult.Histogram{Sum: sum, Buckets: b}
	if len(b) == 0 || b[len(b)-1].Count <= 0 {
		return h
	}
	h.Count = int(math.Round(b[len(b)-1].Count))
	h.Perc50 = finite(Quantile(b, 0.5))
	h.Perc90 = finite(Quantile(b, 0.9))
	h.Perc99 = finite(Quantile(b, 0.99))
	return h
}

// Sub is the histogram of what was observed between an earlier scrape of
// the same series and a later one. When the later scrape counts fewer
// observations, in total or in any bucket, the component restarted in
// between and the later scrape is all that was observed since. A bucket
// missing from the earlier scrape counts as empty there.
func Sub(later, earlier benchresult.Histogram) benchresult.Histogram {
	diff, reset := subBuckets(sortBuckets(later.Buckets), earlier.Buckets)
	if reset {
		return FromBuckets(later.Buckets, later.Sum)
	}
	return FromBuckets(diff, later.Sum-earlier.Sum)
}

// subBuckets subtracts earlier's counts from later's, bucket by bucket, and
// says whether a count went down.
func subBuckets(later, earlier []benchresult.Bucket) ([]benchresult.Bucket, bool) {
	before := make(map[benchresult.Float]float64, len(earlier))
	for _, b := range earlier {
		before[b.UpperBound] = b.Count
	}
	out := make([]benchresult.Bucket, len(later))
	for i, b := range later {
		d := b.Count - before[b.UpperBound]
		if d < 0 {
			return nil, true
		}
		out[i] = benchresult.Bucket{UpperBound: b.UpperBound, Count: d}
	}
	return out, false
}

// sortBuckets returns a sorted copy of buckets ending in +Inf.
func sortBuckets(buckets []benchresult.Bucket) []benchresult.Bucket {
	if len(buckets) == 0 {
		return nil
	}
	out := append([]benchresult.Bucket(nil), buckets...)
	sort.Slice(out, func(i, j int) bool { return out[i].UpperBound < out[j].UpperBound })
	if last := out[len(out)-1]; !math.IsInf(float64(last.UpperBound), 1) {
		out = append(out, benchresult.Bucket{UpperBound: benchresult.Float(math.Inf(1)), Count: last.Count})
	}
	return out
}

// finite turns NaN and infinities, which JSON numbers cannot hold, into 0.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}
