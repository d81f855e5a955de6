package simulate

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/kmctl/kmctl/pkg/cmd"
)

// run executes `kmctl simulate args...` against a kubeconfig that does not
// exist, so flags that pass validation fail at loading it.
func run(t *testing.T, args ...string) error {
	t.Helper()
	t.Setenv("GOGC", "100") // keep runE from changing this process's GC
	c := NewCommand(&cmd.Globals{Out: io.Discard, ErrOut: io.Discard})
	c.SetArgs(append([]string{"--kubeconfig", filepath.Join(t.TempDir(), "none")}, args...))
	c.SetOut(io.Discard)
	c.SetErr(io.Discard)
	return c.Execute()
}

// TestBadFlagsFailBeforeTheKubeconfig checks that bad flags are refused with
// the flag's name before anything is loaded.
func TestBadFlagsFailBeforeTheKubeconfig(t *testing.T) {
	cases := []struct {
		args []string
		want string // in the error
	}{
		{[]string{"--qps", "NaN"}, "--qps must be a positive rate, or -1 or 0 for unlimited, got NaN"},
		{[]string{"--qps", "+Inf"}, "--qps must be a positive rate, or -1 or 0 for unlimited, got +Inf"},
		{[]string{"--qps", "-5"}, "--qps must be a positive rate, or -1 or 0 for unlimited, got -5"},
		{[]string{"--burst", "100"}, "--burst 100 needs a positive --qps"},
		{[]string{"--qps", "0", "--burst", "100"}, "--burst 100 needs a positive --qps"},
		{[]string{"--qps", "50", "--burst", "-1"}, "--burst must be 0"},
		{[]string{"--shard-count", "0"}, "--shard-count must be at least 1"},
		{[]string{"--node-lease-renew-fraction", "NaN"}, "--node-lease-renew-fraction must be in (0, 0.8], got NaN"},
		{[]string{"--node-lease-renew-fraction", "Inf"}, "--node-lease-renew-fraction must be in (0, 0.8], got +Inf"},
		{[]string{"--pod-running-delay", "-5s"}, "--pod-running-delay must be 0 (none) or more, got -5s"},
		{[]string{"--pod-running-jitter", "-3s"}, "--pod-running-jitter must be 0 (none) or more, got -3s"},
		{[]string{"--job-complete-delay", "-1h"}, "--job-complete-delay must be 0 (none) or more, got -1h0m0s"},
		{[]string{"--lifecycle", "/nonexistent/life.yaml"}, "--lifecycle: cannot read the lifecycle file"},
		{[]string{"--qps", "0"}, "cannot load the kubeconfig"},
		{[]string{"--qps", "-1"}, "cannot load the kubeconfig"},
		{[]string{"--qps", "50", "--burst", "100"}, "cannot load the kubeconfig"},
		{[]string{"--qps", "12.5"}, "cannot load the kubeconfig"},
	}
	for _, c := range cases {
		if err := run(t, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err %v, want %q", c.args, err, c.want)
		}
	}
}

// TestClientLimits checks the client client-go builds from --qps and
// --burst: unlimited for 0 or -1, and limited to the given rate otherwise,
// with or without a burst.
func TestClientLimits(t *testing.T) {
	cases := []struct {
		qps     float32
		burst   int
		limited bool
	}{
		{qps: 0},
		{qps: -1},
		{qps: 50, burst: 100, limited: true},
		{qps: 50, limited: true},
		{qps: 0.1, limited: true},
		{qps: 3e38, limited: true},
	}
	for _, c := range cases {
		f := &flagpole{qps: c.qps, burst: c.burst}
		if err := f.validateClientLimits(); err != nil {
			t.Fatalf("qps %v burst %d: %v", c.qps, c.burst, err)
		}
		cfg := &rest.Config{Host: "https://127.0.0.1:1"}
		cfg.QPS, cfg.Burst = f.clientLimits()
		client, err := kubernetes.NewForConfig(cfg)
		if err != nil {
			t.Fatalf("--qps %v --burst %d: %v", c.qps, c.burst, err)
		}
		limiter := client.CoreV1().RESTClient().GetRateLimiter()
		switch {
		case !c.limited && limiter != nil:
			t.Errorf("--qps %v: client limited to %v QPS, want unlimited", c.qps, limiter.QPS())
		case c.limited && (limiter == nil || limiter.QPS() != c.qps):
			t.Errorf("--qps %v --burst %d: limiter %v, want %v QPS", c.qps, c.burst, limiter, c.qps)
		}
	}
}
