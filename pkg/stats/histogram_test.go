package stats

import (
	"math"
	"reflect"
	"testing"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

var inf = math.Inf(1)

// buckets builds cumulative buckets from upper bound, count pairs.
func buckets(pairs ...float64) []benchresult.Bucket {
	out := make([]benchresult.Bucket, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, benchresult.Bucket{UpperBound: benchresult.Float(pairs[i]), Count: pairs[i+1]})
	}
	return out
}

func TestQuantile(t *testing.T) {
	h := buckets(0.1, 10, 0.2, 30, 0.4, 40, inf, 40)
	tests := []struct {
		name    string
		buckets []benchresult.Bucket
		q       float64
		want    float64 // NaN for none
	}{
		{"rank at a bucket's top", h, 0.25, 0.1},
		{"halfway into the second bucket", h, 0.5, 0.15},
		{"p90 in the third bucket", h, 0.9, 0.32},
		{"q=1 is the top of the highest non-empty bucket", h, 1, 0.4},
		{"q=0 starts the first bucket", h, 0, 0},
		{"q=0 skips empty buckets below", buckets(0.1, 0, 0.2, 5, inf, 5), 0, 0.1},
		{"rank in +Inf gives the highest finite bound", buckets(0.1, 10, 1, 10, inf, 20), 0.9, 1},
		{"a first bound not above 0 is its own estimate", buckets(-1, 5, 0, 10, inf, 10), 0.2, -1},
		{"empty", buckets(0.1, 0, inf, 0), 0.5, math.NaN()},
		{"only +Inf", buckets(inf, 5), 0.5, math.NaN()},
		{"no buckets", nil, 0.5, math.NaN()},
		{"q above 1", h, 1.5, math.NaN()},
		{"q NaN", h, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		got := Quantile(tt.buckets, tt.q)
		if !near(got, tt.want) {
			t.Errorf("%s: Quantile(%v) = %v, want %v", tt.name, tt.q, got, tt.want)
		}
	}
}

func TestFromBuckets(t *testing.T) {
	tests := []struct {
		name    string
		buckets []benchresult.Bucket
		want    benchresult.Histogram
	}{
		{"empty", buckets(0.1, 0, inf, 0), benchresult.Histogram{Sum: 0, Buckets: buckets(0.1, 0, inf, 0)}},
		{"none", nil, benchresult.Histogram{}},
		{"unsorted, without +Inf", buckets(0.4, 40, 0.1, 10, 0.2, 30), benchresult.Histogram{
			Quantiles: benchresult.Quantiles{Count: 40, Perc50: 0.15, Perc90: 0.32, Perc99: 0.392},
			Sum:       6, Buckets: buckets(0.1, 10, 0.2, 30, 0.4, 40, inf, 40)}},
		{"all above the finite buckets", buckets(0.1, 0, inf, 3), benchresult.Histogram{
			Quantiles: benchresult.Quantiles{Count: 3, Perc50: 0.1, Perc90: 0.1, Perc99: 0.1},
			Sum:       6, Buckets: buckets(0.1, 0, inf, 3)}},
	}
	for _, tt := range tests {
		sum := 6.0
		if tt.want.Count == 0 {
			sum = 0
		}
		got := FromBuckets(tt.buckets, sum)
		if !sameHistogram(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

func TestSub(t *testing.T) {
	hist := func(sum float64, pairs ...float64) benchresult.Histogram { return FromBuckets(buckets(pairs...), sum) }
	tests := []struct {
		name           string
		later, earlier benchresult.Histogram
		want           benchresult.Histogram
	}{
		{"what was observed in between", hist(10, 0.1, 15, 0.2, 40, inf, 50), hist(4, 0.1, 5, 0.2, 20, inf, 20),
			hist(6, 0.1, 10, 0.2, 20, inf, 30)},
		{"nothing in between", hist(4, 0.1, 5, inf, 20), hist(4, 0.1, 5, inf, 20), hist(0, 0.1, 0, inf, 0)},
		{"earlier scrape had no series", hist(4, 0.1, 5, inf, 20), benchresult.Histogram{}, hist(4, 0.1, 5, inf, 20)},
		{"restart: the later count is lower", hist(1, 0.1, 3, inf, 4), hist(9, 0.1, 5, inf, 20), hist(1, 0.1, 3, inf, 4)},
		{"restart seen in one bucket", hist(9, 0.1, 3, inf, 25), hist(8, 0.1, 5, inf, 20), hist(9, 0.1, 3, inf, 25)},
	}
	for _, tt := range tests {
		got := Sub(tt.later, tt.earlier)
		if !sameHistogram(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
	if got := Sub(hist(10, 0.1, 15, 0.2, 40, inf, 50), hist(4, 0.1, 5, 0.2, 20, inf, 20)); got.Count != 30 || !near(got.Perc50, 0.15) {
		t.Errorf("difference: count %d p50 %v, want 30 and 0.15", got.Count, got.Perc50)
	}
}

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) < 1e-12
}

func sameHistogram(a, b benchresult.Histogram) bool {
	return a.Count == b.Count && near(a.Perc50, b.Perc50) && near(a.Perc90, b.Perc90) && near(a.Perc99, b.Perc99) &&
		a.Max == b.Max && near(a.Sum, b.Sum) && reflect.DeepEqual(a.Buckets, b.Buckets)
}
