package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// checkProfiles takes a CPU profile of the scheduler and a heap profile of
// the apiserver and the simulator from a cluster made with default flags,
// and has `go tool pprof -top` read each.
func checkProfiles(t *testing.T, e *env, name string) {
	t.Helper()
	for _, p := range []struct{ component, typ string }{
		{"kube-scheduler", "cpu"}, {"kube-apiserver", "heap"}, {"kmctl-simulator", "heap"},
	} {
		out := filepath.Join(e.home, p.component+"-"+p.typ+".pprof")
		e.must(2*time.Minute, "profile", p.component, "--name", name, "--type", p.typ, "--seconds", "5", "-o", out)
		assertMode(t, out, 0o600)
		top, err := exec.Command("go", "tool", "pprof", "-top", out).CombinedOutput()
		if err != nil || !strings.Contains(string(top), "flat%") {
			t.Errorf("go tool pprof -top %s: %v\n%s", out, err, top)
		}
		if p.typ == "heap" && !strings.Contains(string(top), "runtime.") && !strings.Contains(string(top), ".") {
			t.Errorf("the heap profile of %s lists no function:\n%s", p.component, top)
		}
	}
	if _, errOut, err := e.kmctl(time.Minute, "profile", "etcd", "--name", name); err == nil || !strings.Contains(errOut, "pick one of kube-scheduler") {
		t.Errorf("profile etcd: %v\n%s", err, errOut)
	}
}
