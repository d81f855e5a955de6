package meter

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// FmtDuration prints seconds with one decimal under two minutes, minutes
// above, without a trailing ".0".
func FmtDuration(d time.Duration) string {
	switch {
	case d < 2*time.Minute:
		return TrimZero(fmt.Sprintf("%.1f", d.Seconds())) + " s"
	default:
		return TrimZero(fmt.Sprintf("%.1f", d.Minutes())) + " min"
	}
}

// TrimZero drops a trailing ".0".
func TrimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// FmtRate prints a rate without spurious decimals.
func FmtRate(r float64) string {
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return "n/a"
	}
	if r >= 100 {
		return fmt.Sprintf("%.0f", r)
	}
	return fmt.Sprintf("%.1f", r)
}

// FmtSeconds prints a latency in ms.
func FmtSeconds(s float64) string {
	if math.IsNaN(s) {
		return "n/a"
	}
	return fmt.Sprintf("%.1f ms", s*1000)
}

// FmtQuantiles prints a median and a 99th percentile in seconds.
func FmtQuantiles(q Quantiles) string {
	if math.IsNaN(q.P50) {
		return "n/a"
	}
	return fmt.Sprintf("%.1f s / %.1f s", q.P50, q.P99)
}

// RunningResult says how the Running rate kept up with the binding rate:
// the worst interval's ratio and how many comparable intervals fell below
// the threshold, or "n/a" when no interval bound enough pods.
func RunningResult(r Rates) string {
	if r.Worst < 0 {
		return "n/a: no interval bound enough pods"
	}
	w := r.Intervals[r.Worst]
	comparable := 0
	for _, iv := range r.Intervals {
		if iv.Comparable {
			comparable++
		}
	}
	return fmt.Sprintf("worst %.0f%% (%s–%s), %d of %d below",
		100*w.Ratio(), FmtDuration(w.From), FmtDuration(w.To), r.Below, comparable)
}
