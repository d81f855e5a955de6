package stats

import (
	"math"
	"sort"
)

// Percentile is the nearest-rank p-th percentile (0 <= p <= 100) of values
// sorted in ascending order: the value at rank ceil(p/100 * n), counting
// from 1, and the lowest value for p = 0. It returns 0 for no values.
func Percentile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	// The tolerance keeps float error in p*n/100 (99.9 * 1000 is a hair
	// above 99900) from raising a whole rank to the next one.
	rank := int(math.Ceil(p*float64(n)/100 - 1e-9))
	return sorted[min(max(rank, 1), n)-1]
}

// sortedCopy returns values sorted, without NaNs, leaving values as they are.
func sortedCopy(values []float64) []float64 {
	out := make([]float64, 0, len(values))
	for _, v := range values {
		if !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	sort.Float64s(out)
	return out
}
