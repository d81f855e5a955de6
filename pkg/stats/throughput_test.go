package stats

import (
	"math"
	"math/rand"
	"reflect"
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

var t0 = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

// at returns t0 plus each offset in seconds.
func at(seconds ...float64) []time.Time {
	out := make([]time.Time, len(seconds))
	for i, s := range seconds {
		out[i] = t0.Add(time.Duration(s * float64(time.Second)))
	}
	return out
}

// repeat returns n events at t0 plus s seconds.
func repeat(n int, s float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestThroughput(t *testing.T) {
	burst := append(repeat(100, 9.5), 0.5)
	tests := []struct {
		name   string
		events []time.Time
		span   float64 // seconds from t0 to end
		window time.Duration
		want   benchresult.Throughput
	}{
		{name: "no time", span: 0, window: time.Second,
			want: benchresult.Throughput{Windows: []float64{}, WindowSeconds: 1}},
		{name: "no events", span: 3, window: time.Second,
			want: benchresult.Throughput{Windows: []float64{0, 0, 0}, WindowSeconds: 1}},
		{name: "one event", events: at(0.5), span: 3, window: time.Second,
			// rates sorted 0 0 1: p50 is rank 2, p90 rank 3
			want: benchresult.Throughput{Average: 1.0 / 3, Perc50: 0, Perc90: 1, Perc95: 1, Perc99: 1, Max: 1, Windows: []float64{1, 0, 0}, WindowSeconds: 1}},
		{name: "a short tail joins the last window, 1.4 s long", events: at(0.1, 1.1, 2.1, 3.2), span: 3.4, window: time.Second,
			want: benchresult.Throughput{Average: 4 / 3.4, Perc50: 1, Perc90: 2 / 1.4, Perc95: 2 / 1.4, Perc99: 2 / 1.4, Max: 2 / 1.4, Windows: []float64{1, 1, 2}, WindowSeconds: 1}},
		{name: "half-window tail counts as a rate over its length", events: at(0.1, 1.1, 2.1, 3.2), span: 3.5, window: time.Second,
			want: benchresult.Throughput{Average: 4 / 3.5, Perc50: 1, Perc90: 2, Perc95: 2, Perc99: 2, Max: 2, Windows: []float64{1, 1, 1, 1}, WindowSeconds: 1}},
		{name: "boundaries: start in the first, a boundary in the later, end in the last", events: at(0, 1, 2), span: 2, window: time.Second,
			want: benchresult.Throughput{Average: 1.5, Perc50: 1, Perc90: 2, Perc95: 2, Perc99: 2, Max: 2, Windows: []float64{1, 2}, WindowSeconds: 1}},
		{name: "an event at the end of a short tail counts in the last window", events: at(2.25), span: 2.25, window: time.Second,
			want: benchresult.Throughput{Average: 1 / 2.25, Perc50: 0, Perc90: 0.8, Perc95: 0.8, Perc99: 0.8, Max: 0.8, Windows: []float64{0, 1}, WindowSeconds: 1}},
		{name: "a span under half a window is one window", events: at(0.1, 0.2), span: 0.4, window: time.Second,
			want: benchresult.Throughput{Average: 5, Perc50: 5, Perc90: 5, Perc95: 5, Perc99: 5, Max: 5, Windows: []float64{2}, WindowSeconds: 1}},
		{name: "events outside the span are not counted", events: at(-0.5, 0.5, 2.5), span: 2, window: time.Second,
			want: benchresult.Throughput{Average: 0.5, Perc50: 0, Perc90: 1, Perc95: 1, Perc99: 1, Max: 1, Windows: []float64{1, 0}, WindowSeconds: 1}},
		{name: "burst at the end", events: at(burst...), span: 10, window: time.Second,
			// rates sorted: 0 x8, 1, 100: p90 is rank 9, p95 rank 10
			want: benchresult.Throughput{Average: 10.1, Perc50: 0, Perc90: 1, Perc95: 100, Perc99: 100, Max: 100, Windows: []float64{1, 0, 0, 0, 0, 0, 0, 0, 0, 100}, WindowSeconds: 1}},
		{name: "half-second windows are rates per second", events: at(0.1, 0.2, 0.6), span: 1, window: 500 * time.Millisecond,
			want: benchresult.Throughput{Average: 3, Perc50: 2, Perc90: 4, Perc95: 4, Perc99: 4, Max: 4, Windows: []float64{2, 1}, WindowSeconds: 0.5}},
	}
	for _, tt := range tests {
		end := t0.Add(time.Duration(tt.span * float64(time.Second)))
		got := Throughput(tt.events, t0, end, tt.window)
		if !sameThroughput(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

// TestThroughputPercentiles checks the ranks over a hundred windows
// holding 1 to 100 events in shuffled order.
func TestThroughputPercentiles(t *testing.T) {
	var events []time.Time
	for i, n := range rand.New(rand.NewSource(1)).Perm(100) {
		events = append(events, at(repeat(n+1, float64(i)+0.5)...)...)
	}
	got := Throughput(events, t0, t0.Add(100*time.Second), time.Second)
	want := [5]float64{50, 90, 95, 99, 100}
	if have := [5]float64{got.Perc50, got.Perc90, got.Perc95, got.Perc99, got.Max}; have != want {
		t.Errorf("p50/p90/p95/p99/max = %v, want %v", have, want)
	}
	if got.Average != 50.5 {
		t.Errorf("Average = %v, want 50.5 (5050 events in 100 s)", got.Average)
	}
}

func sameThroughput(a, b benchresult.Throughput) bool {
	wa, wb := a.Windows, b.Windows
	a.Windows, b.Windows = nil, nil
	return math.Abs(a.Average-b.Average) < 1e-12 && reflect.DeepEqual(wa, wb) &&
		a.Perc50 == b.Perc50 && a.Perc90 == b.Perc90 && a.Perc95 == b.Perc95 && a.Perc99 == b.Perc99 &&
		a.Max == b.Max && a.WindowSeconds == b.WindowSeconds
}
