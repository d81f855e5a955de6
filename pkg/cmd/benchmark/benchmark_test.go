package benchmark

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

func TestErrorsComeBeforeAnyCluster(t *testing.T) {
	cases := map[string][]string{
		"do not fit":           {"--nodes", "10", "--pods", "2000"},
		"--big-nodes":          {"--nodes", "100", "--pods", "100", "--big-nodes", "50"},
		"invalid cluster name": {"--name", "Bad_Name", "--skip-big"},
		"already exists":       {"--name", "taken", "--nodes", "1", "--pods", "1", "--skip-big"},
		"--node-monitor-grace-period must be at least 10s": {"--node-monitor-grace-period", "5s", "--skip-big"},
	}
	for want, args := range cases {
		home := t.TempDir()
		t.Setenv("KMCTL_HOME", home)
		if err := os.MkdirAll(filepath.Join(home, "clusters", "taken"), 0o755); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		c := NewCommand(&cmd.Globals{Out: &out, ErrOut: &out})
		c.SetArgs(args)
		c.SetOut(&out)
		c.SetErr(&out)
		if err := c.Execute(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want %q", args, err, want)
		}
		if _, err := os.Stat(filepath.Join(home, "clusters", "taken")); err != nil {
			t.Errorf("%v: an existing cluster must be left alone: %v", args, err)
		}
	}
}

func TestGracePeriodFlag(t *testing.T) {
	tests := []struct {
		args []string
		want time.Duration
	}{
		{nil, cluster.DefaultNodeMonitorGracePeriod},
		{[]string{"--node-monitor-grace-period", "40s"}, 40 * time.Second},
	}
	for _, tt := range tests {
		f := &flagpole{o: report.DefaultOptions()}
		fs := pflag.NewFlagSet("benchmark", pflag.ContinueOnError)
		addFlags(fs, f)
		if err := fs.Parse(tt.args); err != nil {
			t.Fatal(err)
		}
		if got := f.o.NodeMonitorGracePeriod; got != tt.want {
			t.Errorf("%v: grace period %s, want %s", tt.args, got, tt.want)
		}
	}
}
