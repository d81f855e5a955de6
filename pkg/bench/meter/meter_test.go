package meter

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/cluster"
)

// fakeComponents serve a scheduler's and a simulator's /metrics whose
// counters grow by 100 pods at every read of the simulator.
type fakeComponents struct {
	reads atomic.Int64
	// bound is the scheduler's counter at its last read.
	bound atomic.Int64
}

func (f *fakeComponents) scheduler(w http.ResponseWriter, _ *http.Request) {
	n := 100 * f.reads.Load()
	f.bound.Store(n)
	fmt.Fprintf(w, "# TYPE %s counter\n%s{profile=\"default-scheduler\",result=\"scheduled\"} %d\n", metricScheduled, metricScheduled, n)
	fmt.Fprintf(w, "# TYPE %s histogram\n", metricAttemptDuration)
	fmt.Fprintf(w, "%s_bucket{result=\"scheduled\",le=\"0.01\"} %d\n", metricAttemptDuration, n)
	fmt.Fprintf(w, "%s_bucket{result=\"scheduled\",le=\"+Inf\"} %d\n", metricAttemptDuration, n)
	fmt.Fprintf(w, "%s_sum{result=\"scheduled\"} 0\n%s_count{result=\"scheduled\"} %d\n", metricAttemptDuration, metricAttemptDuration, n)
}

func (f *fakeComponents) simulator(w http.ResponseWriter, _ *http.Request) {
	n := 100 * f.reads.Add(1)
	fmt.Fprintf(w, "# TYPE %s counter\n%s %d\n", metricStarted, metricStarted, n)
	fmt.Fprintf(w, "# TYPE %s histogram\n", metricPodStart)
	for _, from := range []string{"created", "scheduled"} {
		fmt.Fprintf(w, "%s_bucket{from=%q,le=\"1\"} %d\n", metricPodStart, from, n)
		fmt.Fprintf(w, "%s_bucket{from=%q,le=\"+Inf\"} %d\n", metricPodStart, from, n)
		fmt.Fprintf(w, "%s_sum{from=%q} 0\n%s_count{from=%q} %d\n", metricPodStart, from, metricPodStart, from, n)
	}
}

// port is the port of a test server's 127.0.0.1 address.
func port(t *testing.T, s *httptest.Server) int {
	_, p, err := net.SplitHostPort(s.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(p)
	return n
}

func TestPodMeterMeasuresTheWork(t *testing.T) {
	f := &fakeComponents{}
	sched := httptest.NewTLSServer(http.HandlerFunc(f.scheduler))
	defer sched.Close()
	sim := httptest.NewServer(http.HandlerFunc(f.simulator))
	defer sim.Close()
	cfg := &cluster.Config{Ports: cluster.Ports{Scheduler: port(t, sched), Simulator: port(t, sim)}}

	var warned []error
	m := NewPodMeter(cfg, 20*time.Millisecond)
	ps, err := m.Measure(context.Background(),
		func(err error) { warned = append(warned, err) },
		func() error { f.waitReads(4); return nil })
	if err != nil || len(warned) > 0 {
		t.Fatalf("Measure: %v, warnings %v", err, warned)
	}
	// Four samples during the work and one after: four intervals of 100
	// pods. The scheduler is read before the simulator, so it lags one read
	// behind: every sample shows 100 pods Running that it has not bound.
	if !ps.Sampled || ps.Pods < 400 || ps.Took <= 0 || ps.Attempts.P50 > 0.01 {
		t.Fatalf("Measure = %+v, want at least 4 intervals of 100 bound pods, attempts under 10 ms", ps)
	}
	var out bytes.Buffer
	m.WriteSummary(&out, ps)
	for _, want := range []string{
		fmt.Sprintf("scheduler: %d pods bound in ", ps.Pods),
		"pod startup p50 / p99: 0.5 s / 1.0 s from creation, 0.5 s / 1.0 s from binding",
		"Running rate / binding rate, every 0 s: worst 100% (",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
}

// waitReads waits until the simulator has been read n times, and panics
// (failing the test) if that takes a minute: a meter that stopped reading.
func (f *fakeComponents) waitReads(n int64) {
	deadline := time.Now().Add(time.Minute)
	for f.reads.Load() < n {
		if time.Now().After(deadline) {
			panic(fmt.Sprintf("the simulator was read %d times in a minute, want %d", f.reads.Load(), n))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestPodMeterAcrossASchedulerStart measures while the scheduler is stopped
// (nothing listens on its port) and then started: every binding of the new
// scheduler counts, from zero.
func TestPodMeterAcrossASchedulerStart(t *testing.T) {
	f := &fakeComponents{}
	sim := httptest.NewServer(http.HandlerFunc(f.simulator))
	defer sim.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, p, _ := net.SplitHostPort(addr)
	schedPort, _ := strconv.Atoi(p)
	cfg := &cluster.Config{Ports: cluster.Ports{Scheduler: schedPort, Simulator: port(t, sim)}}

	sched := httptest.NewUnstartedServer(http.HandlerFunc(f.scheduler))
	defer sched.Close()
	var warned []error
	ps, err := NewPodMeter(cfg, 20*time.Millisecond).Measure(context.Background(),
		func(err error) { warned = append(warned, err) },
		func() error {
			f.waitReads(2)
			l, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			sched.Listener = l
			sched.StartTLS()
			f.waitReads(5)
			return nil
		})
	if err != nil || len(warned) > 0 {
		t.Fatalf("Measure: %v, warnings %v", err, warned)
	}
	if want := f.bound.Load(); !ps.Sampled || int64(ps.Pods) != want || want == 0 {
		t.Errorf("Measure counted %d bindings (sampled %v), want the started scheduler's %d", ps.Pods, ps.Sampled, want)
	}
}

func TestPodMeterWithoutMetrics(t *testing.T) {
	gone := httptest.NewServer(http.NotFoundHandler())
	cfg := &cluster.Config{Ports: cluster.Ports{Scheduler: port(t, gone), Simulator: port(t, gone)}}
	gone.Close()
	var warned int
	m := NewPodMeter(cfg, time.Hour)
	ps, err := m.Measure(context.Background(), func(error) { warned++ }, func() error { return nil })
	if err != nil || ps.Sampled || warned != 2 {
		t.Fatalf("Measure with nothing listening = %+v, %v, %d warnings; want not sampled, no error, 2 warnings", ps, err, warned)
	}
	var out bytes.Buffer
	m.WriteSummary(&out, ps)
	if !strings.Contains(out.String(), "not sampled") {
		t.Errorf("summary = %q, want it to say the figures were not sampled", out.String())
	}
}

func TestWriteSummaryQuietWhenNothingWasBound(t *testing.T) {
	t0 := time.Unix(100, 0)
	snaps := []Snapshot{{at: t0, counts: Sample{Scheduled: 10}}, {at: t0.Add(time.Second), counts: Sample{Scheduled: 10}}}
	var out bytes.Buffer
	NewPodMeter(&cluster.Config{}, 0).WriteSummary(&out, Summarize("pods", 0, time.Second, snaps))
	if out.Len() != 0 {
		t.Errorf("summary of a scale-down = %q, want nothing", out.String())
	}
}
