package stats

import "github.com/kmctl/kmctl/pkg/benchresult"

// Latencies summarises latency samples in seconds: their count, nearest-rank
// p50, p90 and p99 (see Percentile) and maximum. NaNs are left out; no
// samples give zero Quantiles.
func Latencies(values []float64) benchresult.Quantiles {
	s := sortedCopy(values)
	if len(s) == 0 {
		return benchresult.Quantiles{}
	}
	return benchresult.Quantiles{
		Count:  len(s),
		Perc50: Percentile(s, 50),
		Perc90: Percentile(s, 90),
		Perc99: Percentile(s, 99),
		Max:    s[len(s)-1],
	}
}
