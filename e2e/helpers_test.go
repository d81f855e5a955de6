package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// env is one test's throw-away user: a HOME with its own kubeconfig and kmctl state.
type env struct {
	t    *testing.T
	home string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	home, err := os.MkdirTemp(runDir, "home-")
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, home: home}
}

// uniqueName returns a cluster name no other run uses.
func uniqueName(prefix string) string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b)
}

func (e *env) environ() []string {
	out := []string{}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "KUBECONFIG=") || strings.HasPrefix(kv, "KMCTL_HOME=") || strings.HasPrefix(kv, "XDG_CACHE_HOME=") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "HOME="+e.home, "XDG_CACHE_HOME="+cacheHome)
}

// kmctl runs kmctl and returns stdout, stderr and the error.
func (e *env) kmctl(timeout time.Duration, args ...string) (string, string, error) {
	return e.run(timeout, kmctlBin, args...)
}

// must runs kmctl and fails the test if it fails.
func (e *env) must(timeout time.Duration, args ...string) string {
	e.t.Helper()
	out, errOut, err := e.kmctl(timeout, args...)
	if err != nil {
		e.t.Fatalf("kmctl %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

// kubectl runs kubectl against the test's kubeconfig.
func (e *env) kubectl(args ...string) (string, error) {
	out, errOut, err := e.run(2*time.Minute, kubectlBin, args...)
	return out + errOut, err
}

func (e *env) mustKubectl(args ...string) string {
	e.t.Helper()
	out, err := e.kubectl(args...)
	if err != nil {
		e.t.Fatalf("kubectl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (e *env) run(timeout time.Duration, bin string, args ...string) (string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = e.environ()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

// createCluster creates a cluster and registers its deletion, which runs even
// when the test fails.
func (e *env) createCluster(name string, args ...string) {
	e.t.Helper()
	e.t.Cleanup(func() { _, _, _ = e.kmctl(3*time.Minute, "delete", "cluster", "--name", name) })
	e.must(20*time.Minute, append([]string{"create", "cluster", "--name", name}, args...)...)
}

func (e *env) workDir(name string) string {
	return filepath.Join(e.home, ".kmctl", "clusters", name)
}

func (e *env) kubeconfigPath() string {
	return filepath.Join(e.home, ".kube", "config")
}

// eventually retries check until it returns nil or the timeout passes.
func eventually(t *testing.T, timeout time.Duration, what string, check func() error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not true after %s: %v", what, timeout, err)
		}
		time.Sleep(time.Second)
	}
}

// boundLine is the first line of the scheduler's figures that
// `kmctl scale pod --wait` prints.
var boundLine = regexp.MustCompile(`scheduler: (\d+) pods bound in [^,]+, [0-9.]+ pods/s; scheduling attempt p50 / p99 [0-9.]+ m?s / [0-9.]+ m?s`)

// checkSchedulerFigures checks that `scale pod --wait` printed the
// scheduler's figures for at least pods bindings, and the pods' startup.
func checkSchedulerFigures(t *testing.T, out string, pods int) {
	t.Helper()
	m := boundLine.FindStringSubmatch(out)
	if m == nil || !strings.Contains(out, "pod startup p50 / p99: ") || !strings.Contains(out, "Running rate / binding rate, every 10 s: worst ") {
		t.Fatalf("scale pod --wait printed no scheduler figures:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n < pods {
		t.Errorf("the scheduler bound %d pods, want at least %d:\n%s", n, pods, out)
	}
}
