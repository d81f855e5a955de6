package report

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/metrics"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sampleReport is a run of every step with round figures.
func sampleReport() *Report {
	o := DefaultOptions()
	c := &Ceiling{Objects: 3000, Creates: 750, StatusWrites: 500, CreateTook: 4 * time.Second, StatusTook: 6 * time.Second}
	rep := &Report{Started: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), Machine: "2 cores, 24 GiB",
		Cluster: o.Name, KubeVersion: "v1.34.4", Options: o, Ceiling: c}
	rep.Rows = append(rep.Rows, CeilingRows(c)...)
	rep.Rows = append(rep.Rows, Timing{Step: "nodes: 0 → 1000 Ready", Objects: 1000, Size: 1000, Took: 5 * time.Second, Ref: BudgetNodes, Cost: NodeCost}.Row(c))
	samples := []meter.Sample{
		{},
		{At: sec(10), Scheduled: 2500, Started: 2400, Seen: 2450, Queued: 3, WriteSeconds: 120, Writes: 2400},
		{At: sec(20), Scheduled: 5000, Started: 4500, Seen: 4900, Queued: 40, WriteSeconds: 720, Writes: 4500},
		{At: sec(30), Scheduled: 7500, Started: 7400, Seen: 7500, WriteSeconds: 1010, Writes: 7400},
		{At: sec(40), Scheduled: 10000, Started: 10000, Seen: 10000, WriteSeconds: 1010, Writes: 7400},
	}
	ps := meter.PodStep{Name: "pods", Pods: 10000, Took: 41 * time.Second, Sampled: true,
		Rates: meter.AnalyzeRates(samples, meter.RunningThreshold), Throughput: 250, Attempts: meter.Quantiles{P50: 0.0021, P99: 0.0187},
		Startup: meter.Quantiles{P50: 1.2, P99: 4.8}, BoundToRunning: meter.Quantiles{P50: 0.6, P99: 2.9}}
	rep.PodSteps = append(rep.PodSteps, ps, meter.PodStep{Name: "big pods", Pods: 100000})
	rep.Rows = append(rep.Rows, Timing{Step: "pods: 10000 Running", Objects: 10000, Size: 10000, Nodes: 1000, Took: ps.Took, Ref: BudgetPods, Cost: PodCost}.Row(c))
	rep.Rows = append(rep.Rows, PodStepRows(ps, c)...)
	rep.Rows = append(rep.Rows, Timing{Step: "delete pods: 10000 gone", Objects: 10000, Size: 10000, Nodes: 1000, Took: 35 * time.Second, Ref: BudgetDelete, Cost: DeleteCost}.Row(c))
	rep.Rows = append(rep.Rows, NodeRows("big nodes", 1000, 5000, 20*time.Second, 25*time.Second, c, []Budget{BudgetBigNodes})...)
	rep.Rows = append(rep.Rows, Timing{Step: "big pods: 100000 Running", Objects: 100000, Size: 100000, Nodes: 5000, Took: 12 * time.Minute, Ref: BudgetBigPods, Cost: PodCost}.Row(c))
	rep.Rows = append(rep.Rows, PodStepRows(meter.PodStep{Name: "big pods"}, c)...)
	idle := &Idle{For: time.Minute, Nodes: 5000, Pods: 100000, Components: []Usage{
		{Name: "etcd", CPU: 3.2, RSS: 300 << 20, PeakRSS: 400 << 20},
		{Name: "kube-apiserver", CPU: 6.5, RSS: 2 << 30, PeakRSS: 3 << 30},
		{Name: "kmctl-simulator", CPU: 1.1, RSS: 150 << 20, PeakRSS: 180 << 20},
		{Name: "prometheus", CPU: 4, RSS: 200 << 20, PeakRSS: 220 << 20},
		{Name: "kube-scheduler", Err: "restarted (pid 1, then 2)"},
	}}
	idle.Total = 3.2 + 6.5 + 1.1 // the control plane: all but prometheus
	rep.Idle = idle
	rep.Rows = append(rep.Rows, IdleRows(idle)...)
	rep.StepCPU = []StepCPU{
		{Step: "pods", Took: 41 * time.Second, Seconds: []float64{10, 40, 5, 15, 4, 0.5, 3}, Dropped: map[string]float64{}},
		{Step: "big pods", Took: 12 * time.Minute, Seconds: []float64{100, 400, 50, 150, 40, -1, 30}, Dropped: map[string]float64{"pods": 2, "nodes": 1}},
		{Step: "idle", Took: time.Minute, Seconds: []float64{1, 4, 1, 1, 0.5, 0.5, 0}},
	}
	rep.Heartbeats = sampleHeartbeats()
	rep.NotReady = NotReady{Transitions: 3, Nodes: 2, Watched: true}
	rep.Err = "big pods step: interrupted\nwhile waiting | here"
	return rep
}

// sampleHeartbeats are the heartbeats of the sample report's steps: a
// quiet one, one with NotReady nodes and a late renewal, and one whose
// simulator exports no lease metrics.
func sampleHeartbeats() []StepHeartbeats {
	lag := hist(0.01, 3000, 0.1, 4800, 0.5, 4912, 1, 4912, inf, 4912)
	age := hist(18, 500, 20, 4700, 22, 4900, 40, 4900, inf, 4900)
	slow := hist(0.01, 100, 0.1, 200, 0.5, 900, 1, 990, inf, 1000)
	return []StepHeartbeats{
		{Step: "pods", NotReady: NotReady{Watched: true}, Lag: lag, Age: age, Late: 0, Oldest: 21.3},
		{Step: "big pods", NotReady: NotReady{Transitions: 3, Nodes: 2, Watched: true}, Lag: slow, Age: age, Late: 1, Oldest: 41.5},
		{Step: "idle", NotReady: NotReady{Watched: true}, Late: math.NaN(), Oldest: math.NaN()},
	}
}

func TestMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	sampleReport().Markdown(&b)
	golden := filepath.Join("testdata", "report.md")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("Markdown differs from %s (go test -update rewrites it):\n%s", golden, b.String())
	}
}

func TestPrinterGolden(t *testing.T) {
	var b bytes.Buffer
	p := NewPrinter(&b)
	rep := sampleReport()
	for _, r := range rep.Rows {
		p.Row(r)
	}
	p.Intervals(rep.PodSteps[0])
	p.Intervals(rep.PodSteps[1]) // not sampled: prints nothing
	p.Idle(rep.Idle)
	for i, sc := range rep.StepCPU {
		p.CPU(sc)
		p.Heartbeats(rep.Heartbeats[i])
	}
	p.NodeHealth(rep.NotReady)
	golden := filepath.Join("testdata", "report.txt")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("text differs from %s (go test -update rewrites it):\n%s", golden, b.String())
	}
}

func TestRows(t *testing.T) {
	c := &Ceiling{Creates: 750, StatusWrites: 500}
	// A small run has no target: the references are at other sizes.
	small := Timing{Step: "nodes", Objects: 100, Size: 100, Took: time.Second, Ref: BudgetNodes, Cost: NodeCost}.Row(c)
	if small.Target != "n/a at this size" || small.Verdict != "" {
		t.Errorf("small run row = %+v", small)
	}
	slow := Timing{Step: "pods", Objects: 10000, Size: 10000, Nodes: 1000, Took: 2 * time.Minute, Ref: BudgetPods, Cost: PodCost}.Row(c)
	if slow.Verdict != "MISSED" || !strings.Contains(slow.Apiserver, "floor 60 s (50% used)") {
		t.Errorf("slow pods row = %+v", slow)
	}
	// The backlog step has no target, only the floor:
	// 10000 × (2/750 + 1/500) s.
	backlog := Timing{Step: "backlog", Objects: 10000, Size: 10000, Nodes: 1000, Took: 2 * time.Minute, Cost: BacklogCost}.Row(c)
	if backlog.Target != "" || backlog.Upstream != "" || backlog.Verdict != "" || !strings.Contains(backlog.Apiserver, "floor 46.7 s (39% used)") {
		t.Errorf("backlog row = %+v", backlog)
	}
	if r := runningRow("pods", meter.Rates{Worst: -1, Threshold: 0.8}); r.Verdict != "" || !strings.HasPrefix(r.Result, "n/a") {
		t.Errorf("no comparable interval: %+v", r)
	}
	rows := IdleRows(&Idle{Nodes: 100, Total: 20, Components: []Usage{{Name: "kmctl-simulator", RSS: 250 << 20}}})
	if len(rows) != 2 || rows[0].Verdict != "MISSED" || rows[1].Verdict != "MISSED" {
		t.Errorf("idle rows = %+v", rows)
	}
}

func TestCeilingFloor(t *testing.T) {
	c := &Ceiling{Creates: 600, StatusWrites: 400}
	// 1000 pods: 3000 creates at 600/s (5 s) and 1000 status writes at 400/s (2.5 s).
	if got := c.Floor(1000, PodCost); got != 7500*time.Millisecond {
		t.Errorf("Floor = %v, want 7.5s", got)
	}
	if got := c.MaxRate(PodCost); got < 133.3 || got > 133.4 {
		t.Errorf("MaxRate = %v, want 133.3", got)
	}
	var none *Ceiling
	if none.Floor(10, PodCost) != 0 || none.MaxRate(PodCost) != 0 {
		t.Error("no ceiling means no floor")
	}
}

func TestGraceSetting(t *testing.T) {
	for grace, want := range map[time.Duration]string{
		time.Hour:        "Node monitor grace period 1h (kube-controller-manager's default: 50s): each node's lease is renewed every 45 min, less up to 10 % jitter",
		40 * time.Second: "Node monitor grace period 40s (kube-controller-manager's default: 50s): each node's lease is renewed every 20 s, less up to 10 % jitter",
		90 * time.Minute: "Node monitor grace period 1h30m (kube-controller-manager's default: 50s): each node's lease is renewed every 67.5 min, less up to 10 % jitter",
		2 * time.Minute:  "Node monitor grace period 2m (kube-controller-manager's default: 50s): each node's lease is renewed every 60 s, less up to 10 % jitter",
	} {
		if got := GraceSetting(grace); got != want {
			t.Errorf("GraceSetting(%s) = %q, want %q", grace, got, want)
		}
	}
}

func TestNodeRows(t *testing.T) {
	c := &Ceiling{Creates: 750, StatusWrites: 500}
	refs := []Budget{BudgetNodes, BudgetAllNodes}
	// A first step is judged by the budget at its size, and alone.
	for n, want := range map[int]string{1000: "< 6 s", 5000: "< 30 s", 300: "n/a at this size"} {
		rows := NodeRows("nodes", 0, n, 4*time.Second, 4*time.Second, c, refs)
		if len(rows) != 1 || rows[0].Target != want || rows[0].Verdict == "MISSED" {
			t.Errorf("first step to %d nodes: %+v, want one row with target %q", n, rows, want)
		}
	}
	// A later step has no target of its own; the node steps together do.
	rows := NodeRows("big nodes", 1000, 5000, 26*time.Second, 31*time.Second, c, []Budget{BudgetBigNodes})
	if len(rows) != 2 || rows[0].Target != "" || rows[0].Verdict != "" {
		t.Fatalf("big nodes rows = %+v", rows)
	}
	all := rows[1]
	if all.Step != "nodes: 0 → 5000 Ready (node steps together)" || all.Target != "< 30 s" ||
		all.Verdict != "MISSED" || !strings.HasPrefix(all.Result, "31 s (161/s)") {
		t.Errorf("node steps together = %+v", all)
	}
}

func TestWriteFileCreatesDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "docs", "benchmarks", "latest.md")
	if err := sampleReport().WriteFile(path); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(data, []byte("# kmctl benchmark")) {
		t.Errorf("report file: %v", err)
	}
}

var inf = math.Inf(1)

func sec(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// hist builds a histogram from upper bound, count pairs.
func hist(pairs ...float64) metrics.Histogram {
	h := make(metrics.Histogram, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		h = append(h, metrics.Bucket{UpperBound: pairs[i], Count: pairs[i+1]})
	}
	return h
}
