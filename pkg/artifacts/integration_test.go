package artifacts

import (
	"context"
	"debug/elf"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Real builds from source are slow and need the Go module proxy, so they
// only run with KMCTL_BUILD_TEST=1, for example:
//
//	KMCTL_BUILD_TEST=1 KMCTL_BUILD_TEST_ONLY=etcd,prometheus go test -v -run Integration -timeout 60m ./pkg/artifacts
//
// KMCTL_BUILD_TEST_CACHE keeps the built binaries in that directory.

// integrationResolver returns a Resolver for real builds, or skips the test.
func integrationResolver(t *testing.T, product string) *Resolver {
	t.Helper()
	if os.Getenv("KMCTL_BUILD_TEST") != "1" {
		t.Skip("set KMCTL_BUILD_TEST=1 to build binaries from source")
	}
	if only := os.Getenv("KMCTL_BUILD_TEST_ONLY"); only != "" && !strings.Contains(only, product) {
		t.Skipf("%s not in KMCTL_BUILD_TEST_ONLY", product)
	}
	cache := os.Getenv("KMCTL_BUILD_TEST_CACHE")
	if cache == "" {
		cache = t.TempDir()
	}
	return &Resolver{CacheDir: cache, Out: os.Stderr}
}

// resolveTimed resolves req and logs how long it took.
func resolveTimed(t *testing.T, r *Resolver, req Request) string {
	t.Helper()
	start := time.Now()
	path, err := r.Resolve(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("resolved %s in %s: %s", req.Name, time.Since(start).Round(time.Second), path)
	assertStatic(t, path)
	return path
}

// assertStatic fails unless path is a statically linked ELF executable.
func assertStatic(t *testing.T, path string) {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatalf("%s is not an ELF executable: %v", path, err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("%s is dynamically linked; want a static binary (CGO_ENABLED=0)", path)
		}
	}
}

// output runs a command and returns its combined output.
func output(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestIntegrationBuildEtcd(t *testing.T) {
	r := integrationResolver(t, "etcd")
	path := resolveTimed(t, r, Request{Name: Etcd})
	if out := output(t, path, "--version"); !strings.Contains(out, strings.TrimPrefix(DefaultEtcdVersion, "v")) {
		t.Errorf("etcd --version = %q, want %s", out, DefaultEtcdVersion)
	}
}

func TestIntegrationBuildKubernetes(t *testing.T) {
	r := integrationResolver(t, "kubernetes")
	for _, name := range kubeBinaries {
		path := resolveTimed(t, r, Request{Name: name})
		args := []string{"--version"}
		if name == Kubectl {
			args = []string{"version", "--client"}
		}
		if out := output(t, path, args...); !strings.Contains(out, DefaultKubeVersion) {
			t.Errorf("%s %s = %q, want %s", name, args[0], out, DefaultKubeVersion)
		}
	}
}

func TestIntegrationBuildPrometheus(t *testing.T) {
	r := integrationResolver(t, "prometheus")
	path := resolveTimed(t, r, Request{Name: Prometheus})
	if out := output(t, path, "--version"); !strings.Contains(out, strings.TrimPrefix(DefaultPrometheusVersion, "v")) {
		t.Errorf("prometheus --version = %q, want %s", out, DefaultPrometheusVersion)
	}
	checkPrometheusServes(t, path)
}

// checkPrometheusServes runs prometheus with a tiny config and checks that
// its readiness endpoint and targets API answer.
func checkPrometheusServes(t *testing.T, path string) {
	dir := t.TempDir()
	addr := freeAddr(t)
	cfg := fmt.Sprintf("global:\n  scrape_interval: 1s\nscrape_configs:\n- job_name: self\n  static_configs:\n  - targets: [%q]\n", addr)
	if err := os.WriteFile(filepath.Join(dir, "prometheus.yml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "--config.file=prometheus.yml", "--storage.tsdb.path=data", "--web.listen-address="+addr)
	cmd.Dir = dir
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	for _, endpoint := range []string{"/-/ready", "/api/v1/targets"} {
		if err := waitHTTP200(addr+endpoint, 30*time.Second); err != nil {
			t.Fatalf("prometheus %s: %v\n%s", endpoint, err, logs.String())
		}
	}
}

// freeAddr returns a 127.0.0.1 address with a port that is free now.
func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitHTTP200 polls http://hostPath until it answers 200 OK or time runs out.
func waitHTTP200(hostPath string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + hostPath)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %s", resp.Status)
		}
		last = err
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("not ready after %s: %w", timeout, last)
}
