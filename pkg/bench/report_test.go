package bench

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sampleReport is a run of every step with round figures.
func sampleReport() *Report {
	o := DefaultOptions()
	c := &Ceiling{Objects: 3000, Creates: 750, StatusWrites: 500, CreateTook: 4 * time.Second, StatusTook: 6 * time.Second}
	rep := &Report{Started: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), Machine: "2 cores, 24 GiB",
		Cluster: o.Name, KubeVersion: "v1.34.4", Options: o, Ceiling: c}
	rep.Rows = append(rep.Rows, ceilingRows(c)...)
	rep.Rows = append(rep.Rows, timing{step: "nodes: 0 → 1000 Ready", objects: 1000, size: 1000, took: 5 * time.Second, ref: budgetNodes, cost: nodeCost}.row(c))
	samples := []Sample{{0, 0, 0, 0, 0, 0, 0}, {sec(10), 2500, 2400, 2450, 3, 120, 2400}, {sec(20), 5000, 4500, 4900, 40, 720, 4500},
		{sec(30), 7500, 7400, 7500, 0, 1010, 7400}, {sec(40), 10000, 10000, 10000, 0, 1010, 7400}}
	ps := PodStep{Name: "pods", Pods: 10000, Took: 41 * time.Second, Sampled: true,
		Rates: AnalyzeRates(samples, RunningThreshold), Throughput: 250, Attempts: Quantiles{P50: 0.0021, P99: 0.0187},
		Startup: Quantiles{P50: 1.2, P99: 4.8}, BoundToRunning: Quantiles{P50: 0.6, P99: 2.9}}
	rep.PodSteps = append(rep.PodSteps, ps, PodStep{Name: "big pods", Pods: 100000})
	rep.Rows = append(rep.Rows, timing{step: "pods: 10000 Running", objects: 10000, size: 10000, nodes: 1000, took: ps.Took, ref: budgetPods, cost: podCost}.row(c))
	rep.Rows = append(rep.Rows, podStepRows(ps, c)...)
	rep.Rows = append(rep.Rows, timing{step: "delete pods: 10000 gone", objects: 10000, size: 10000, nodes: 1000, took: 35 * time.Second, ref: budgetDelete, cost: deleteCost}.row(c))
	rep.Rows = append(rep.Rows, nodeRows("big nodes", 1000, 5000, 20*time.Second, 25*time.Second, c, []budget{budgetBigNodes})...)
	rep.Rows = append(rep.Rows, timing{step: "big pods: 100000 Running", objects: 100000, size: 100000, nodes: 5000, took: 12 * time.Minute, ref: budgetBigPods, cost: podCost}.row(c))
	rep.Rows = append(rep.Rows, podStepRows(PodStep{Name: "big pods"}, c)...)
	idle := &Idle{For: time.Minute, Nodes: 5000, Pods: 100000, Components: []Usage{
		{Name: "etcd", CPU: 3.2, RSS: 300 << 20, PeakRSS: 400 << 20},
		{Name: "kube-apiserver", CPU: 6.5, RSS: 2 << 30, PeakRSS: 3 << 30},
		{Name: "kmctl-simulator", CPU: 1.1, RSS: 150 << 20, PeakRSS: 180 << 20},
		{Name: "prometheus", CPU: 4, RSS: 200 << 20, PeakRSS: 220 << 20},
		{Name: "kube-scheduler", Err: "restarted (pid 1, then 2)"},
	}}
	idle.Total = controlPlaneCPU(idle.Components)
	rep.Idle = idle
	rep.Rows = append(rep.Rows, idleRows(idle)...)
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
	small := timing{step: "nodes", objects: 100, size: 100, took: time.Second, ref: budgetNodes, cost: nodeCost}.row(c)
	if small.Target != "n/a at this size" || small.Verdict != "" {
		t.Errorf("small run row = %+v", small)
	}
	slow := timing{step: "pods", objects: 10000, size: 10000, nodes: 1000, took: 2 * time.Minute, ref: budgetPods, cost: podCost}.row(c)
	if slow.Verdict != "MISSED" || !strings.Contains(slow.Apiserver, "floor 60 s (50% used)") {
		t.Errorf("slow pods row = %+v", slow)
	}
	// The backlog step has no target, only the floor:
	// 10000 × (2/750 + 1/500) s.
	backlog := timing{step: "backlog", objects: 10000, size: 10000, nodes: 1000, took: 2 * time.Minute, cost: backlogCost}.row(c)
	if backlog.Target != "" || backlog.Upstream != "" || backlog.Verdict != "" || !strings.Contains(backlog.Apiserver, "floor 46.7 s (39% used)") {
		t.Errorf("backlog row = %+v", backlog)
	}
	if r := runningRow("pods", Rates{Worst: -1, Threshold: 0.8}); r.Verdict != "" || !strings.HasPrefix(r.Result, "n/a") {
		t.Errorf("no comparable interval: %+v", r)
	}
	rows := idleRows(&Idle{Nodes: 100, Total: 20, Components: []Usage{{Name: "kmctl-simulator", RSS: 250 << 20}}})
	if len(rows) != 2 || rows[0].Verdict != "MISSED" || rows[1].Verdict != "MISSED" {
		t.Errorf("idle rows = %+v", rows)
	}
	if got := fmtSeconds(math.NaN()); got != "n/a" {
		t.Errorf("fmtSeconds(NaN) = %q", got)
	}
}

func TestNodeRows(t *testing.T) {
	c := &Ceiling{Creates: 750, StatusWrites: 500}
	refs := []budget{budgetNodes, budgetAllNodes}
	// A first step is judged by the budget at its size, and alone.
	for n, want := range map[int]string{1000: "< 6 s", 5000: "< 30 s", 300: "n/a at this size"} {
		rows := nodeRows("nodes", 0, n, 4*time.Second, 4*time.Second, c, refs)
		if len(rows) != 1 || rows[0].Target != want || rows[0].Verdict == "MISSED" {
			t.Errorf("first step to %d nodes: %+v, want one row with target %q", n, rows, want)
		}
	}
	// A later step has no target of its own; the node steps together do.
	rows := nodeRows("big nodes", 1000, 5000, 26*time.Second, 31*time.Second, c, []budget{budgetBigNodes})
	if len(rows) != 2 || rows[0].Target != "" || rows[0].Verdict != "" {
		t.Fatalf("big nodes rows = %+v", rows)
	}
	all := rows[1]
	if all.Step != "nodes: 0 → 5000 Ready (node steps together)" || all.Target != "< 30 s" ||
		all.Verdict != "MISSED" || !strings.HasPrefix(all.Result, "31 s (161/s)") {
		t.Errorf("node steps together = %+v", all)
	}
}

func TestFmtDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		1500 * time.Millisecond: "1.5 s", 15 * time.Minute: "15 min", 90 * time.Second: "90 s", 150 * time.Second: "2.5 min", 2 * time.Hour: "120 min",
	} {
		if got := fmtDuration(d); got != want {
			t.Errorf("fmtDuration(%v) = %q, want %q", d, got, want)
		}
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
