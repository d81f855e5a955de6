package bench

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/cluster"
)

// TestIntegrationRun runs a tiny benchmark against a real cluster. It needs
// the component binaries in the cache (`make components`) and only runs with
// KMCTL_BENCH_IT=1, for example:
//
//	KMCTL_BENCH_IT=1 go test -v -run Integration -timeout 15m ./pkg/bench
func TestIntegrationRun(t *testing.T) {
	if os.Getenv("KMCTL_BENCH_IT") != "1" {
		t.Skip("set KMCTL_BENCH_IT=1 to run a small benchmark on a real cluster")
	}
	home := t.TempDir()
	t.Setenv("KMCTL_HOME", home)
	t.Setenv("KUBECONFIG", filepath.Join(home, "kubeconfig"))
	var stdout, stderr bytes.Buffer
	m, err := cluster.NewManager(&stderr, 0)
	if err != nil {
		t.Fatal(err)
	}
	m.Self = buildKmctl(t) // the simulator is `kmctl simulate`, not this test binary
	o := DefaultOptions()
	o.Name, o.Nodes, o.Pods, o.SkipBig = "bench-it", 10, 200, true
	o.CeilingObjects, o.Idle, o.SampleInterval = 200, 2*time.Second, time.Second
	o.Output = filepath.Join(home, "report.md")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	rep, err := Run(ctx, NewEnv(m, &stdout), o)
	t.Logf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Ceiling == nil || rep.Ceiling.Creates <= 0 || len(rep.PodSteps) != 1 || !rep.PodSteps[0].Sampled || rep.Idle == nil {
		t.Errorf("incomplete report: %+v", rep)
	}
	if _, err := os.Stat(cluster.Dir(home, o.Name)); !os.IsNotExist(err) {
		t.Errorf("the cluster's work dir is still there: %v", err)
	}
	md, err := os.ReadFile(o.Output)
	if err != nil || !strings.Contains(string(md), "pods: 200 Running") {
		t.Errorf("report file: %v\n%s", err, md)
	}
}

// buildKmctl builds the kmctl binary of this module.
func buildKmctl(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kmctl")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/kmctl/kmctl/cmd/kmctl")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
