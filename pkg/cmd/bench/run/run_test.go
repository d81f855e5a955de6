package run

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd"
)

// TestBadInputWritesNothing runs bench run with flags that cannot work and
// checks the error and that no run dir or cluster state was written.
func TestBadInputWritesNothing(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "result.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string][]string{
		"the workload has no such param":        {"SchedulingBasic", "--param", "nodez=1"},
		"--param \"nodes\": want NAME=VALUE":    {"SchedulingBasic", "--param", "nodes"},
		"create flags apply only with --create": {"SchedulingBasic", "--kube-scheduler-qps", "5"},
		"no workload \"Nope\"":                  {"Nope"},
		"--repeat must be at least 1":           {"SchedulingBasic", "--repeat", "0"},
		"--profile etcd: no such component":     {"SchedulingBasic", "--profile", "etcd"},
		"already holds files":                   {"SchedulingBasic", "-o", full},
		"cluster \"missing\" does not exist":    {"SchedulingBasic", "--name", "missing"},
	}
	for want, args := range cases {
		home := t.TempDir()
		t.Setenv("KMCTL_HOME", home)
		out := filepath.Join(t.TempDir(), "run")
		var buf bytes.Buffer
		c := NewCommand(&cmd.Globals{Out: &buf, ErrOut: &buf})
		if !contains(args, "-o") {
			args = append(args, "-o", out)
		}
		c.SetArgs(args)
		c.SetOut(&buf)
		c.SetErr(&buf)
		if err := c.Execute(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want %q", args, err, want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%v: wrote %s", args, out)
		}
		if entries, _ := os.ReadDir(home); len(entries) != 0 {
			t.Errorf("%v: wrote %d entries under KMCTL_HOME", args, len(entries))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
