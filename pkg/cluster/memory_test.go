package cluster

import (
	"strings"
	"testing"
)

// apiserverEnv is the env lines of the apiserver's start in a dry-run plan.
func apiserverEnv(t *testing.T, plan string) string {
	t.Helper()
	_, rest, ok := strings.Cut(plan, "start kube-apiserver:\n")
	if !ok {
		t.Fatalf("no kube-apiserver in the plan:\n%s", plan)
	}
	var env []string
	for _, line := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(line, "  env ") {
			break
		}
		env = append(env, strings.TrimPrefix(line, "  env "))
	}
	return strings.Join(env, " ")
}

func TestCreateSizesTheAPIServerMemoryLimit(t *testing.T) {
	tests := []struct {
		name   string
		total  uint64 // the machine's memory
		config int64  // a limit already in the config
		want   string
	}{
		{name: "a third of the machine", total: 24 << 30, want: "GOGC=off GOMEMLIMIT=8192MiB"},
		{name: "a limit in the config is kept", total: 24 << 30, config: 2 << 30, want: "GOGC=off GOMEMLIMIT=2048MiB"},
		{name: "unknown memory keeps GOGC=200", total: 0, want: "GOGC=200"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t, true)
			e.m.MemoryTotal = func() uint64 { return tc.total }
			cfg := e.config("mem")
			cfg.APIServer.MemoryLimit = tc.config
			if got := apiserverEnv(t, e.dryRun(t, cfg)); got != tc.want {
				t.Errorf("apiserver env = %q, want %q", got, tc.want)
			}
		})
	}
}
