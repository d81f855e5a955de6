package metrics

import (
	"math"
	"testing"
)

var inf = math.Inf(1)

func TestQuantile(t *testing.T) {
	h := Histogram{{0.1, 50}, {0.5, 80}, {1, 100}, {inf, 100}}
	tests := []struct {
		name string
		h    Histogram
		q    float64
		want float64
	}{
		{"median at a bucket's top", h, 0.5, 0.1},
		{"interpolated in the first bucket", h, 0.25, 0.05},
		{"interpolated in a middle bucket", h, 0.9, 0.75},
		{"p99", h, 0.99, 0.975},
		{"q=1 is the last finite bucket holding all", h, 1, 1},
		{"rank in +Inf gives the last finite bound", Histogram{{0.1, 50}, {inf, 100}}, 0.99, 0.1},
		{"empty", Histogram{{0.1, 0}, {inf, 0}}, 0.5, math.NaN()},
		{"nil", nil, 0.5, math.NaN()},
		{"q out of range", h, 1.5, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.h.Quantile(tt.q)
			if math.IsNaN(tt.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tt.want) > 1e-9) {
				t.Errorf("Quantile(%v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestHistogramSub(t *testing.T) {
	before := Histogram{{0.1, 10}, {1, 20}, {inf, 25}}
	after := Histogram{{0.01, 3}, {0.1, 30}, {1, 60}, {inf, 70}}
	got := after.Sub(before)
	want := Histogram{{0.01, 3}, {0.1, 20}, {1, 40}, {inf, 45}}
	if len(got) != len(want) {
		t.Fatalf("Sub = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("bucket %d = %v, want %v", i, got[i], want[i])
		}
	}
	if got.Total() != 45 {
		t.Errorf("Total = %v, want 45", got.Total())
	}
	// A restart between the snapshots keeps the later counts.
	if r := before.Sub(after); r.Total() != 25 {
		t.Errorf("Sub after a reset: total %v, want 25", r.Total())
	}
}
