package stats

import (
	"math"
	"reflect"
	"testing"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

func TestPercentile(t *testing.T) {
	thousand := make([]float64, 1000)
	for i := range thousand {
		thousand[i] = float64(i + 1)
	}
	tests := []struct {
		name   string
		sorted []float64
		p      float64
		want   float64
	}{
		{"empty", nil, 50, 0},
		{"one value", []float64{7}, 99, 7},
		{"p0 is the lowest", []float64{1, 2, 3, 4}, 0, 1},
		{"p25 of four is rank 1", []float64{1, 2, 3, 4}, 25, 1},
		{"p26 of four is rank 2", []float64{1, 2, 3, 4}, 26, 2},
		{"p50 of four is rank 2, not the mean of 2 and 3", []float64{1, 2, 3, 4}, 50, 2},
		{"p100 is the highest", []float64{1, 2, 3, 4}, 100, 4},
		{"p99 of a thousand is rank 990", thousand, 99, 990},
		{"p99.9 of a thousand is rank 999, despite float error", thousand, 99.9, 999},
	}
	for _, tt := range tests {
		if got := Percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("%s: Percentile(p%v) = %v, want %v", tt.name, tt.p, got, tt.want)
		}
	}
}

func TestLatencies(t *testing.T) {
	hundred := make([]float64, 100)
	for i := range hundred {
		hundred[i] = float64(100-i) / 100 // 1.00 down to 0.01
	}
	tests := []struct {
		name   string
		values []float64
		want   benchresult.Quantiles
	}{
		{"none", nil, benchresult.Quantiles{}},
		{"only NaN", []float64{math.NaN()}, benchresult.Quantiles{}},
		{"one", []float64{0.25}, benchresult.Quantiles{Count: 1, Perc50: 0.25, Perc90: 0.25, Perc99: 0.25, Max: 0.25}},
		{"three unsorted", []float64{3, 1, 2}, benchresult.Quantiles{Count: 3, Perc50: 2, Perc90: 3, Perc99: 3, Max: 3}},
		{"NaN left out", []float64{2, math.NaN(), 1}, benchresult.Quantiles{Count: 2, Perc50: 1, Perc90: 2, Perc99: 2, Max: 2}},
		{"a hundred", hundred, benchresult.Quantiles{Count: 100, Perc50: 0.5, Perc90: 0.9, Perc99: 0.99, Max: 1}},
	}
	for _, tt := range tests {
		in := append([]float64(nil), tt.values...)
		if got := Latencies(tt.values); got != tt.want {
			t.Errorf("%s: Latencies = %+v, want %+v", tt.name, got, tt.want)
		}
		if !reflect.DeepEqual(in, tt.values) && !math.IsNaN(sum(in)) {
			t.Errorf("%s: Latencies reordered its input", tt.name)
		}
	}
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}
