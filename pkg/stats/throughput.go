package stats

import (
	"time"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// Throughput is the rate of events (bindings, say) between start and end,
// in consecutive windows of window from start.
//
// An event at a window's boundary counts in the later window; an event at
// end counts in the last. A last, partial window of at least half a window
// is a window of its own, its rate over its own length; a shorter tail
// joins the window before it, which is then longer than the others (a rate
// over a few milliseconds would be noise, and dropping the tail would lose
// the burst that often ends a measured op). A span shorter than half a
// window is one window. So every event counts in exactly one window.
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
	n := windowCount(end.Sub(start), window)
	counts = make([]int, n)
	for _, e := range events {
		if e.Before(start) || e.After(end) {
			continue
		}
		total++
		counts[min(int(e.Sub(start)/window), n-1)]++
	}
	return counts, total
}

// windowCount is how many windows a span makes: the full ones, and a tail
// of at least half a window; at least one.
func windowCount(span, window time.Duration) int {
	n := int(span / window)
	if span-time.Duration(n)*window >= window/2 || n == 0 {
		n++
	}
	return n
}

// windowLength is the length of window i: a full window, or for the last
// one what is left of the span (a tail, or a full window and a short tail).
func windowLength(i int, span, window time.Duration) time.Duration {
	if i == windowCount(span, window)-1 {
		return span - time.Duration(i)*window
	}
	return window
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
