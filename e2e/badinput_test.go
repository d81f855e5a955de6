package e2e

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
