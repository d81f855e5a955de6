package stats

import (
	"time"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// Throughput is the rate of events (bindings, say) between start and end,
// in consecutive windows of window from start.
//
// An event at a window's boundary counts in the later window; an event at
// end counts in the last. The last, partial window counts only when it is
// at least half a window long, as a rate over its own length: a shorter
// tail holds too few events to say anything, and stretching it to a full
// window would multiply its noise by more than two. Its events still count
// in Average.
//
// Average is the events in [start, end] over the seconds from start to end
// (scheduler_perf's Average is the mean of its windows, which is the same
// figure when the windows cover the span). Perc50 to Perc99 are nearest-rank
// percentiles (see Percentile) of the windows' rates, Max the highest rate,
// all in events per second. A window without events is a rate of 0: unlike
// scheduler_perf, which stretches its next sample over empty intervals,
// fixed windows keep a stall visible. Windows holds each window's count.
func Throughput(events []time.Time, start, end time.Time, window time.Duration) benchresult.Throughput {
	out := benchresult.Throughput{Windows: []float64{}, WindowSeconds: window.Seconds()}
	span := end.Sub(start)
	if span <= 0 || window <= 0 {
		return out
	}
	counts, total := countWindows(events, start, end, window)
	out.Average = float64(total) / span.Seconds()
	rates := make([]float64, len(counts))
	for i, c := range counts {
		out.Windows = append(out.Windows, float64(c))
		rates[i] = float64(c) / windowLength(i, span, window).Seconds()
	}
	fillRates(&out, sortedCopy(rates))
	return out
}

// countWindows counts the events in [start, end] in each window that
// counts, and all of them.
func countWindows(events []time.Time, start, end time.Time, window time.Duration) (counts []int, total int) {
	span := end.Sub(start)
	n := int(span / window)
	if span-time.Duration(n)*window >= window/2 {
		n++
	}
	counts = make([]int, n)
	for _, e := range events {
		if e.Before(start) || e.After(end) {
			continue
		}
		total++
		i := int(e.Sub(start) / window)
		if i == n && n > 0 && time.Duration(n)*window == span {
			i = n - 1 // an event at end, which is the last window's far boundary
		}
		if i < n {
			counts[i]++
		}
	}
	return counts, total
}

// windowLength is the length of window i: a full window, or what is left
// of the span for the last, partial one.
func windowLength(i int, span, window time.Duration) time.Duration {
	return min(window, span-time.Duration(i)*window)
}

// fillRates sets the percentiles and maximum of sorted window rates.
func fillRates(t *benchresult.Throughput, sorted []float64) {
	if len(sorted) == 0 {
		return
	}
	t.Perc50 = Percentile(sorted, 50)
	t.Perc90 = Percentile(sorted, 90)
	t.Perc95 = Percentile(sorted, 95)
	t.Perc99 = Percentile(sorted, 99)
	t.Max = sorted[len(sorted)-1]
}
