package report

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestFmtLeaseSeconds(t *testing.T) {
	for s, want := range map[float64]string{
		0: "0 s", 0.0004: "0 s", 0.012: "0.012 s", 0.31: "0.31 s", 0.5: "0.5 s",
		1: "1 s", 20.14: "20.1 s", 99.96: "100 s", 2700: "2700 s", math.NaN(): "n/a",
	} {
		if got := fmtLeaseSeconds(s); got != want {
			t.Errorf("fmtLeaseSeconds(%v) = %q, want %q", s, got, want)
		}
	}
}

// TestMarkdownHeartbeats renders a step of 1000 renewals: 500 within 10 ms,
// 400 more within 100 ms, the last 100 within 500 ms; ages 100 ≤ 18 s, 800
// more ≤ 20 s, 100 more ≤ 22 s; 7 late.
func TestMarkdownHeartbeats(t *testing.T) {
	hb := StepHeartbeats{Step: "big nodes", NotReady: NotReady{Transitions: 3, Nodes: 2, Watched: true},
		Lag: hist(0.01, 500, 0.1, 900, 0.5, 1000, inf, 1000), Age: hist(18, 100, 20, 900, 22, 1000, inf, 1000), Late: 7, Oldest: 21.31}
	var b bytes.Buffer
	markdownHeartbeats(&b, []StepHeartbeats{hb, {Step: "idle", Late: math.NaN(), Oldest: math.NaN()}}, NotReady{3, 2, true})
	for _, want := range []string{
		"| big nodes | 3 (2) | 1000 | 0.01 s | 0.46 s | ≤ 0.5 s | 21.8 s | 21.3 s | 7 |",
		"| idle | ? | ? | ? | ? | ? | ? | ? | ? |",
		"Over the run: 3 NotReady transitions (2 nodes).",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in:\n%s", want, b.String())
		}
	}
}
