package bench

import (
	"github.com/kmctl/kmctl/pkg/metrics"

	"bytes"
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// leasePage reads a simulator /metrics fixture from testdata.
func leasePage(t *testing.T, name string) metrics.Families {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return parsePage(t, string(data))
}

func parsePage(t *testing.T, text string) metrics.Families {
	t.Helper()
	f, err := metrics.ParseMetrics(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// olderSimulator is a simulator page without the lease metrics.
const olderSimulator = `# TYPE kmctl_simulator_pods_started_total counter
kmctl_simulator_pods_started_total 42
`

// lagPastBuckets has one renewal later than the last finite bucket.
const lagPastBuckets = `# TYPE kmctl_simulator_lease_renewal_lag_seconds histogram
kmctl_simulator_lease_renewal_lag_seconds_bucket{le="0.01"} 1200
kmctl_simulator_lease_renewal_lag_seconds_bucket{le="1"} 1200
kmctl_simulator_lease_renewal_lag_seconds_bucket{le="+Inf"} 1201
kmctl_simulator_lease_renewal_lag_seconds_sum 50
kmctl_simulator_lease_renewal_lag_seconds_count 1201
`

func TestStepHeartbeats(t *testing.T) {
	before := readLeases(leasePage(t, "simulator-leases-before.txt"))
	after := readLeases(leasePage(t, "simulator-leases-after.txt"))
	older := readLeases(parsePage(t, olderSimulator))
	empty := readLeases(metrics.Families{})
	// From the fixtures: 1000 renewals, 500 of them within 10 ms, 400 more
	// within 100 ms, the last 100 within 500 ms; ages 100 ≤ 18 s, 800 more
	// ≤ 20 s, 100 more ≤ 22 s; 7 late.
	tests := []struct {
		name          string
		before, after leaseReading
		oldest        float64
		want          string
	}{
		{"a step", before, after, 21.31,
			"1000 renewals, lag p50 0.01 s, p99 0.46 s, max ≤ 0.5 s; age p99 21.8 s, oldest 21.3 s; 7 late"},
		{"no renewals", after, after, 21.31,
			"0 renewals, lag p50 n/a, p99 n/a, max n/a; age p99 n/a, oldest 21.3 s; 0 late"},
		{"metrics first exported during the step count from zero", empty, after, 21.31,
			"1200 renewals, lag p50 0.01 s, p99 0.46 s, max ≤ 0.5 s; age p99 21.8 s, oldest 21.3 s; 10 late"},
		{"a renewal past the last bucket", empty, readLeases(parsePage(t, lagPastBuckets)), math.NaN(),
			"1201 renewals, lag p50 0.005 s, p99 0.01 s, max > 1 s; age p99 ?, oldest ?; ? late"},
		{"an older simulator", older, older, math.NaN(),
			"? renewals, lag p50 ?, p99 ?, max ?; age p99 ?, oldest ?; ? late"},
		{"start unread", unreadLeases(), after, 21.31,
			"? renewals, lag p50 ?, p99 ?, max ?; age p99 ?, oldest 21.3 s; ? late"},
		{"end unread", before, unreadLeases(), 19.5,
			"? renewals, lag p50 ?, p99 ?, max ?; age p99 ?, oldest 19.5 s; ? late"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hb := stepHeartbeats("pods", tt.before, tt.after, tt.oldest)
			hb.NotReady = NotReady{Watched: true}
			var b bytes.Buffer
			NewPrinter(&b).Heartbeats(hb)
			want := "    heartbeats during pods: 0 NotReady transitions (0 nodes); " + tt.want + "\n"
			if b.String() != want {
				t.Errorf("got  %q\nwant %q", b.String(), want)
			}
		})
	}
}

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

// TestOldestLeaseSampled checks that the oldest lease of a step is the
// largest read at its start, its samples and its end, and that the next
// step starts over.
func TestOldestLeaseSampled(t *testing.T) {
	ages := []float64{12, 30.5, 8, 9}
	served := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "# TYPE %s gauge\n%s{shard=\"0\"} %g\n%s{shard=\"1\"} 1\n",
			metricLeaseOldest, metricLeaseOldest, ages[served], metricLeaseOldest)
		served++
	}))
	defer srv.Close()
	s := &scraper{client: srv.Client(), simulator: srv.URL, oldestLease: math.NaN()}
	ctx := context.Background()
	for range 3 { // the start, a sample, the end
		if _, err := s.fetchSimulator(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.takeOldestLease(); got != 30.5 {
		t.Errorf("oldest lease of the step = %v, want 30.5", got)
	}
	if got := s.takeOldestLease(); !math.IsNaN(got) {
		t.Errorf("oldest lease with nothing read = %v, want NaN", got)
	}
	if _, err := s.leases(ctx); err != nil {
		t.Fatal(err)
	}
	if got := s.takeOldestLease(); got != 9 {
		t.Errorf("oldest lease of the next step = %v, want 9", got)
	}
}

func TestMarkdownHeartbeats(t *testing.T) {
	hb := stepHeartbeats("big nodes", readLeases(leasePage(t, "simulator-leases-before.txt")),
		readLeases(leasePage(t, "simulator-leases-after.txt")), 21.31)
	hb.NotReady = NotReady{Transitions: 3, Nodes: 2, Watched: true}
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
