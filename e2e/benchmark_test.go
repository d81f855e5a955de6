package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBenchmark runs `kmctl benchmark` at a tiny size, every step included
// (the backlog too, the big steps aside): it must report every figure, keep
// a bench run result for each of the budget's workloads, and leave no
// cluster behind.
func TestBenchmark(t *testing.T) {
	e := newEnv(t)
	name := uniqueName("bench")
	t.Cleanup(func() { _, _, _ = e.kmctl(3*time.Minute, "delete", "cluster", "--name", name) })
	report, results := filepath.Join(e.home, "report.md"), filepath.Join(e.home, "results")
	out := e.must(10*time.Minute, "benchmark", "--name", name, "--nodes", "20", "--pods", "300", "--skip-big",
		"--backlog", "200", "--ceiling-objects", "300", "--idle", "5s", "--settle", "0s", "--sample-interval", "1s",
		"--output", report, "--results", results)
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
	for _, piece := range []string{"1-KmctlBudget", "2-KmctlBudgetBacklog", "3-KmctlBudgetIdle"} {
		for _, file := range []string{"result.json", "report.html", "summary.md"} {
			if _, err := os.Stat(filepath.Join(results, piece, file)); err != nil {
				t.Errorf("the budget's workload %s wrote no %s: %v", piece, file, err)
			}
		}
	}
	if clusters := e.must(time.Minute, "get", "clusters"); strings.Contains(clusters, name) {
		t.Errorf("the benchmark left its cluster:\n%s", clusters)
	}
}
