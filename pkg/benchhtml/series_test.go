package benchhtml

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/plot/plotter"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

func TestDownsample(t *testing.T) {
	xys := make(plotter.XYs, 5000)
	for i := range xys {
		xys[i] = plotter.XY{X: float64(i), Y: math.Sin(float64(i) / 50)}
	}
	xys[1234].Y, xys[4321].Y = 9, -9
	got := downsample(xys, maxPoints)
	if len(got) > maxPoints {
		t.Fatalf("kept %d points, want at most %d", len(got), maxPoints)
	}
	peak, trough := false, false
	for i, p := range got {
		if i > 0 && p.X <= got[i-1].X {
			t.Fatalf("points out of order at %d: %v after %v", i, p, got[i-1])
		}
		peak = peak || p.Y == 9
		trough = trough || p.Y == -9
	}
	if !peak || !trough {
		t.Errorf("the peak (%v) or the trough (%v) was thinned away", peak, trough)
	}
	short := xys[:10]
	if got := downsample(short, maxPoints); !reflect.DeepEqual(got, short) {
		t.Errorf("a short line changed: %v", got)
	}
}

func TestBucketCounts(t *testing.T) {
	b := func(le, n float64) benchresult.Bucket {
		return benchresult.Bucket{UpperBound: benchresult.Float(le), Count: n}
	}
	for _, tc := range []struct {
		name       string
		buckets    []benchresult.Bucket
		wantLabels []string
		wantCounts []float64
	}{
		{"trims empty ends", []benchresult.Bucket{b(0.001, 0), b(0.002, 3), b(0.004, 3), b(0.008, 10), b(0.016, 10), b(math.Inf(1), 10)},
			[]string{"2.00ms", "4.00ms", "8.00ms"}, []float64{3, 0, 7}},
		{"unsorted, with +Inf", []benchresult.Bucket{b(math.Inf(1), 6), b(1, 4), b(0.5, 1)},
			[]string{"500ms", "1.00s", "+Inf"}, []float64{1, 3, 2}},
		{"empty", []benchresult.Bucket{b(1, 0), b(math.Inf(1), 0)}, []string{}, []float64{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			labels, counts := bucketCounts(tc.buckets)
			if len(labels) != len(tc.wantLabels) || (len(labels) > 0 && !reflect.DeepEqual(labels, tc.wantLabels)) ||
				len(counts) != len(tc.wantCounts) || (len(counts) > 0 && !reflect.DeepEqual(counts, tc.wantCounts)) {
				t.Errorf("got %v %v, want %v %v", labels, counts, tc.wantLabels, tc.wantCounts)
			}
		})
	}
}

func TestTimelineSeries(t *testing.T) {
	samples := []benchresult.Sample{
		{Seconds: 1, Pending: map[string]float64{"gated": 1, "active": 5}},
		{Seconds: 2}, // a failed scrape: no point
		{Seconds: 3, Pending: map[string]float64{"active": 2, "zz": 1}},
	}
	ss := timelineSeries(samples, func(s benchresult.Sample) map[string]float64 { return s.Pending }, queues...)
	var names []string
	for _, s := range ss {
		names = append(names, s.name)
	}
	if want := []string{"active", "gated", "zz"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("series %v, want %v", names, want)
	}
	if want := (plotter.XYs{{X: 1, Y: 1}, {X: 3, Y: 0}}); !reflect.DeepEqual(ss[1].xys, want) {
		t.Errorf("gated is %v, want %v", ss[1].xys, want)
	}
}
