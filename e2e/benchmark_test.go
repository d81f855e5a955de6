package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBenchmark runs `kmctl benchmark` at a tiny size, every step included
// (the backlog too, the big steps aside): it must report every figure and
// leave no cluster behind.
func TestBenchmark(t *testing.T) {
	e := newEnv(t)
	name := uniqueName("bench")
	t.Cleanup(func() { _, _, _ = e.kmctl(3*time.Minute, "delete", "cluster", "--name", name) })
	report := filepath.Join(e.home, "report.md")
	out := e.must(10*time.Minute, "benchmark", "--name", name, "--nodes", "20", "--pods", "300", "--skip-big",
		"--backlog", "200", "--ceiling-objects", "300", "--idle", "5s", "--settle", "0s", "--sample-interval", "1s",
		"--output", report)
	md, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"apiserver ceiling: pod creates", "nodes: 0 → 20 Ready", "pods: 300 Running", "pods: scheduler throughput",
		"delete pods: 300 gone", "backlog: 200 Pending pods bound and Running", "backlog: scheduler throughput",
		"backlog: Running rate / binding rate", "idle CPU, control plane (20 nodes, 0 pods)",
	} {
		if !strings.Contains(out, want) || !strings.Contains(string(md), want) {
			t.Errorf("the table or the report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(md), "stopped early") || strings.Contains(string(md), "not sampled") {
		t.Errorf("incomplete report:\n%s", md)
	}
	if clusters := e.must(time.Minute, "get", "clusters"); strings.Contains(clusters, name) {
		t.Errorf("the benchmark left its cluster:\n%s", clusters)
	}
}
