package e2e

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/runtime/docker"
)

// TestDockerRuntime runs a cluster as containers built offline from the cached binaries.
func TestDockerRuntime(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := docker.Available(ctx); err != nil {
		t.Skipf("no Docker daemon: %v", err)
	}
	e := newEnv(t)
	name := uniqueName("dock")
	kctx := "--context=kmctl-" + name
	start := time.Now()
	e.must(20*time.Minute, "build", "images")
	t.Logf("images ready in %s", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	e.createCluster(name, "--runtime", "docker", "--kube-scheduler-debug")
	t.Logf("docker cluster created in %s", time.Since(start).Round(time.Second))
	cfg := e.config(name)

	t.Run("kubectl and get clusters", func(t *testing.T) {
		e.mustKubectl(kctx, "get", "ns", "kube-system")
		out := e.must(time.Minute, "get", "clusters")
		if !strings.Contains(out, name) || !strings.Contains(out, "docker") || !strings.Contains(out, "running") {
			t.Fatalf("get clusters:\n%s", out)
		}
	})
	t.Run("100 nodes and 1000 pods run", func(t *testing.T) {
		e.must(5*time.Minute, "scale", "node", "--name", name, "--replicas", "100")
		out := e.must(10*time.Minute, "scale", "pod", "--name", name, "--replicas", "1000", "--wait")
		checkSchedulerFigures(t, out, 1000)
	})
	t.Run("bench run and profile", func(t *testing.T) {
		dir := filepath.Join(e.home, "runs", "docker")
		e.must(10*time.Minute, "bench", "run", "SchedulingBasic", "--name", name,
			"--param", "nodes=50", "--param", "initPods=50", "--param", "pods=300", "-o", dir)
		res := readResult(t, filepath.Join(dir, "result.json"))
		if res.Environment.Runtime != "docker" {
			t.Errorf("runtime %q", res.Environment.Runtime)
		}
		usage := map[string]float64{}
		for _, u := range measuredOp(t, res).Metrics.Usage {
			usage[u.Component] = u.CPUSeconds
		}
		if usage["kube-scheduler"] <= 0 || usage["kube-apiserver"] <= 0 {
			t.Errorf("the containers' CPU was not read: %v", usage)
		}
		checkProfiles(t, e, name)
	})
	t.Run("pprof through the published scheduler port", func(t *testing.T) {
		if code := httpsStatus(t, cfg.Ports.Scheduler, "/debug/pprof/"); code != http.StatusOK {
			t.Fatalf("/debug/pprof/ answered %d", code)
		}
	})
	t.Run("prometheus scrapes every component", func(t *testing.T) {
		eventually(t, 2*time.Minute, "all targets up", func() error {
			return targetsUp(cfg.Ports.Prometheus, []string{"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kmctl-simulator", "prometheus"})
		})
	})
	t.Run("logs come from the container", func(t *testing.T) {
		if out := e.must(time.Minute, "logs", "etcd", "--name", name); !strings.Contains(out, "etcd") {
			t.Fatalf("etcd logs: %.300s", out)
		}
	})
	t.Run("stop and start keep data", func(t *testing.T) {
		e.mustKubectl(kctx, "create", "configmap", "survivor", "--from-literal=k=v")
		e.must(2*time.Minute, "stop", "cluster", "--name", name)
		e.must(5*time.Minute, "start", "cluster", "--name", name)
		if v := e.mustKubectl(kctx, "get", "configmap", "survivor", "-o", "jsonpath={.data.k}"); v != "v" {
			t.Fatalf("configmap after restart: %q", v)
		}
	})
	t.Run("delete leaves no container or network", func(t *testing.T) {
		e.must(3*time.Minute, "delete", "cluster", "--name", name, "--prune-images")
		names, err := docker.Clusters(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(names, name) {
			t.Fatalf("containers or networks labelled %s remain", name)
		}
	})
}
