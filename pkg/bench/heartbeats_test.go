package bench

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/metrics"
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
	before := meter.ReadLeases(leasePage(t, "simulator-leases-before.txt"))
	after := meter.ReadLeases(leasePage(t, "simulator-leases-after.txt"))
	older := meter.ReadLeases(parsePage(t, olderSimulator))
	empty := meter.ReadLeases(metrics.Families{})
	// From the fixtures: 1000 renewals, 500 of them within 10 ms, 400 more
	// within 100 ms, the last 100 within 500 ms; ages 100 ≤ 18 s, 800 more
	// ≤ 20 s, 100 more ≤ 22 s; 7 late.
	tests := []struct {
		name          string
		before, after meter.LeaseReading
		oldest        float64
		want          string
	}{
		{"a step", before, after, 21.31,
			"1000 renewals, lag p50 0.01 s, p99 0.46 s, max ≤ 0.5 s; age p99 21.8 s, oldest 21.3 s; 7 late"},
		{"no renewals", after, after, 21.31,
			"0 renewals, lag p50 n/a, p99 n/a, max n/a; age p99 n/a, oldest 21.3 s; 0 late"},
		{"metrics first exported during the step count from zero", empty, after, 21.31,
			"1200 renewals, lag p50 0.01 s, p99 0.46 s, max ≤ 0.5 s; age p99 21.8 s, oldest 21.3 s; 10 late"},
		{"a renewal past the last bucket", empty, meter.ReadLeases(parsePage(t, lagPastBuckets)), math.NaN(),
			"1201 renewals, lag p50 0.005 s, p99 0.01 s, max > 1 s; age p99 ?, oldest ?; ? late"},
		{"an older simulator", older, older, math.NaN(),
			"? renewals, lag p50 ?, p99 ?, max ?; age p99 ?, oldest ?; ? late"},
		{"start unread", meter.UnreadLeases(), after, 21.31,
			"? renewals, lag p50 ?, p99 ?, max ?; age p99 ?, oldest 21.3 s; ? late"},
		{"end unread", before, meter.UnreadLeases(), 19.5,
			"? renewals, lag p50 ?, p99 ?, max ?; age p99 ?, oldest 19.5 s; ? late"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hb := stepHeartbeats("pods", tt.before, tt.after, tt.oldest)
			hb.NotReady = report.NotReady{Watched: true}
			var b bytes.Buffer
			report.NewPrinter(&b).Heartbeats(hb)
			want := "    heartbeats during pods: 0 NotReady transitions (0 nodes); " + tt.want + "\n"
			if b.String() != want {
				t.Errorf("got  %q\nwant %q", b.String(), want)
			}
		})
	}
}
