package e2e

import (
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBadInputLosesNothing checks the errors a user meets, next to a running
// cluster that must not be disturbed by them.
func TestBadInputLosesNothing(t *testing.T) {
	e := newEnv(t)
	name := uniqueName("bad")
	e.createCluster(name, "--runtime", "binary", "--disable", "prometheus")
	cfg := e.config(name)

	t.Run("pprof is closed without --kube-scheduler-debug", func(t *testing.T) {
		if code := httpsStatus(t, cfg.Ports.Scheduler, "/debug/pprof/"); code == http.StatusOK {
			t.Fatalf("/debug/pprof/ answered 200 without --kube-scheduler-debug")
		}
	})
	failures := []struct {
		name string
		args []string
		want string
	}{
		{"duplicate name", []string{"create", "cluster", "--name", name}, "already exists"},
		{"unknown name", []string{"delete", "cluster", "--name", "no-such"}, name},
		{"unknown name for start", []string{"start", "cluster", "--name", "no-such"}, "does not exist"},
		{"bad grace period", []string{"create", "cluster", "--name", "x1", "--node-monitor-grace-period", "1s"}, "at least 10s"},
		{"malformed flag", []string{"create", "cluster", "--name", "x2", "--kube-scheduler-qps", "lots"}, "invalid argument"},
		{"bad name", []string{"create", "cluster", "--name", "Bad_Name"}, "invalid cluster name"},
		{"no wait", []string{"create", "cluster", "--name", "x6", "--wait", "0s"}, "--wait must be a positive duration"},
		{"negative qps", []string{"create", "cluster", "--name", "x7", "--kube-scheduler-qps", "-5"}, "--kube-scheduler-qps must be 0"},
		{"bad version", []string{"create", "cluster", "--name", "x8", "--kube-version", "latest"}, "vMAJOR.MINOR.PATCH"},
		{"plural with a typo", []string{"scale", "pdos", "--name", name, "--replicas", "1"}, "Did you mean this?"},
		{"missing node", []string{"scale", "pods", "--name", name, "--replicas", "1", "--node-name", "no-such-node"}, "no such node"},
	}
	for _, f := range failures {
		t.Run(f.name, func(t *testing.T) {
			_, errOut, err := e.kmctl(time.Minute, f.args...)
			if err == nil || !strings.Contains(errOut, f.want) {
				t.Fatalf("want a failure mentioning %q, got err=%v:\n%s", f.want, err, errOut)
			}
		})
	}
	t.Run("malformed scheduler config", func(t *testing.T) {
		path := filepath.Join(e.home, "sched.yaml")
		writeFile(t, path, "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nparallelism: [\n")
		_, errOut, err := e.kmctl(time.Minute, "create", "cluster", "--name", "x3", "--kube-scheduler-config", path)
		if err == nil || !strings.Contains(errOut, path) {
			t.Fatalf("want an error naming %s, got %v:\n%s", path, err, errOut)
		}
		assertNoCluster(t, e, "x3")
	})
	t.Run("port in use", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
		_, errOut, err := e.kmctl(time.Minute, "create", "cluster", "--name", "x4", "--kube-apiserver-port", port)
		if err == nil || !strings.Contains(errOut, "--kube-apiserver-port") || !strings.Contains(errOut, port) {
			t.Fatalf("want an error naming the port and flag, got %v:\n%s", err, errOut)
		}
		assertNoCluster(t, e, "x4")
	})
	t.Run("malformed kubeconfig is never overwritten", func(t *testing.T) {
		bad := filepath.Join(e.home, "bad-kubeconfig")
		garbage := "clusters: [ {name: a, cluster: \"notamap\"} ]\n"
		writeFile(t, bad, garbage)
		_, errOut, err := e.kmctl(time.Minute, "create", "cluster", "--name", "x5", "--kubeconfig", bad)
		if err == nil || !strings.Contains(errOut, "not valid") {
			t.Fatalf("want a kubeconfig error, got %v:\n%s", err, errOut)
		}
		if data, _ := os.ReadFile(bad); string(data) != garbage {
			t.Fatalf("malformed kubeconfig was changed:\n%s", data)
		}
		assertNoCluster(t, e, "x5")
		if out := e.must(time.Minute, "get", "kubeconfig", "--name", name); !strings.Contains(out, "kmctl-"+name) {
			t.Fatalf("get kubeconfig:\n%s", out)
		}
	})
	t.Run("a kubeconfig that is not a regular file is never replaced", func(t *testing.T) {
		fifo := filepath.Join(e.home, "fifo-kubeconfig")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, err := e.kmctl(time.Minute, "create", "cluster", "--name", "x9", "--kubeconfig", fifo)
		if err == nil || !strings.Contains(errOut, "not a regular file") {
			t.Fatalf("want a refusal, got %v:\n%s", err, errOut)
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("the FIFO was replaced: %v %v", fi, err)
		}
		assertNoCluster(t, e, "x9")
	})
	t.Run("kubectl's exit status is kmctl's", func(t *testing.T) {
		_, errOut, err := e.kmctl(time.Minute, "kubectl", "--name", name, "--", "get", "ns", "no-such-namespace")
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || strings.Contains(errOut, "ERROR:") || !strings.Contains(errOut, "not found") {
			t.Fatalf("want kubectl's own error and status 1, got %v:\n%s", err, errOut)
		}
	})
	t.Run("plural resource names", func(t *testing.T) {
		e.must(time.Minute, "scale", "pods", "--name", name, "--replicas", "0")
	})
	t.Run("the running cluster is untouched", func(t *testing.T) {
		out := e.must(time.Minute, "get", "clusters")
		if !strings.Contains(out, name) || !strings.Contains(out, "running") {
			t.Fatalf("get clusters:\n%s", out)
		}
		e.mustKubectl("--context", "kmctl-"+name, "get", "ns", "default")
	})
}

func assertNoCluster(t *testing.T, e *env, name string) {
	t.Helper()
	if _, err := os.Stat(e.workDir(name)); !os.IsNotExist(err) {
		t.Fatalf("a failed create left %s behind", e.workDir(name))
	}
}
