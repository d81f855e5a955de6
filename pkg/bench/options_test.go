package bench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/runtime/binary"
)

func TestValidate(t *testing.T) {
	small := func(change func(*report.Options)) report.Options {
		o := report.DefaultOptions()
		o.Nodes, o.Pods, o.SkipBig, o.Idle = 100, 1000, true, 10*time.Second
		change(&o)
		return o
	}
	tests := []struct {
		name    string
		o       report.Options
		wantErr string
	}{
		{"defaults", report.DefaultOptions(), ""},
		{"small", small(func(*report.Options) {}), ""},
		{"bad name", small(func(o *report.Options) { o.Name = "Bad_Name" }), "invalid cluster name"},
		{"no nodes", small(func(o *report.Options) { o.Nodes = 0 }), "--nodes and --pods"},
		{"pods do not fit", small(func(o *report.Options) { o.Pods = 11001 }), "do not fit"},
		{"negative idle", small(func(o *report.Options) { o.Idle = -time.Second }), "must not be negative"},
		{"big ignored when skipped", small(func(o *report.Options) { o.BigNodes = 1 }), ""},
		{"nodes over the maximum", small(func(o *report.Options) { o.Nodes, o.Pods = 40000, 2 }), "--nodes 40000 is more than 32768"},
		{"big nodes over the maximum", small(func(o *report.Options) { o.SkipBig, o.BigNodes = false, 40000 }), "--big-nodes must be more than --nodes (100) and at most 32768"},
		{"big nodes below nodes", small(func(o *report.Options) { o.SkipBig, o.BigNodes = false, 50 }), "--big-nodes"},
		{"big pods do not fit", small(func(o *report.Options) { o.SkipBig, o.BigNodes, o.BigPods = false, 200, 22001 }), "--big-pods"},
		{"no pod writers", small(func(o *report.Options) { o.PodWriters = 0 }), "--pod-writers 0"},
		{"no big pod writers", small(func(o *report.Options) { o.BigPodWriters = 0 }), "--big-pod-writers 0"},
		{"fast sampling", small(func(o *report.Options) { o.SampleInterval = time.Millisecond }), "--sample-interval"},
		{"a backlog", small(func(o *report.Options) { o.Backlog = 5000 }), ""},
		{"negative backlog", small(func(o *report.Options) { o.Backlog = -1 }), "--backlog must not be negative"},
		{"backlog does not fit", small(func(o *report.Options) { o.Backlog = 11001 }), "--backlog 11001 pods do not fit on 100 nodes"},
		{"kubelet-like grace period", small(func(o *report.Options) { o.NodeMonitorGracePeriod = 40 * time.Second }), ""},
		{"grace period too short", small(func(o *report.Options) { o.NodeMonitorGracePeriod = 5 * time.Second }), "--node-monitor-grace-period must be at least 10s, got 5s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.o)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate = %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate = %v, want an error with %q", err, tt.wantErr)
			}
		})
	}
}

// TestValidateOutput checks that an --output the report could not be
// written to is refused before the run, and that checking leaves no file
// or directory behind.
func TestValidateOutput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, output, wantErr string
	}{
		{"a new file", filepath.Join(dir, "latest.md"), ""},
		{"a new file in new directories", filepath.Join(dir, "docs", "benchmarks", "latest.md"), ""},
		{"an existing file", file, ""},
		{"under a file", filepath.Join(file, "report.md"), "--output " + filepath.Join(file, "report.md") + " cannot be written: " + file + " is not a directory"},
		{"deep under a file", filepath.Join(file, "a", "report.md"), file + " is not a directory"},
		{"a directory", dir, "--output " + dir + " is a directory; give a file for the report, such as " + filepath.Join(dir, "latest.md")},
		{"a new directory", filepath.Join(dir, "new") + string(filepath.Separator), "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := report.DefaultOptions()
			o.Output = tt.output
			err := Validate(o)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate = %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate = %v, want an error with %q", err, tt.wantErr)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "file" {
		t.Errorf("checking --output left %v behind", entries)
	}
	if data, _ := os.ReadFile(file); string(data) != "kept" {
		t.Errorf("checking --output changed an existing file to %q", data)
	}
}

func TestParallel(t *testing.T) {
	var calls atomic.Int64
	seen := make([]atomic.Bool, 500)
	err := parallel(context.Background(), 500, 64, func(_ context.Context, i int) error {
		calls.Add(1)
		seen[i].Store(true)
		return nil
	})
	if err != nil || calls.Load() != 500 {
		t.Fatalf("parallel = %v after %d calls", err, calls.Load())
	}
	for i := range seen {
		if !seen[i].Load() {
			t.Fatalf("index %d never ran", i)
		}
	}
	boom := errors.New("boom")
	calls.Store(0)
	err = parallel(context.Background(), 10000, 4, func(_ context.Context, i int) error {
		calls.Add(1)
		if i == 3 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || calls.Load() > 100 {
		t.Errorf("parallel = %v after %d calls; want boom, stopping early", err, calls.Load())
	}
}

func TestClusterConfig(t *testing.T) {
	o := report.DefaultOptions()
	o.NodeMonitorGracePeriod = 40 * time.Second
	o.Extras = components.Extras{Args: map[string][]string{components.KubeAPIServer: {"--v=4"}}}
	cfg := clusterConfig(o, "/kubeconfig")
	if cfg.NodeMonitorGracePeriod != 40*time.Second || cfg.Runtime != binary.Name || cfg.Kubeconfig != "/kubeconfig" ||
		len(cfg.Extras.Args[components.KubeAPIServer]) != 1 || cfg.Scheduler.QPS != cluster.DefaultClientQPS {
		t.Errorf("cluster config = %+v", cfg)
	}
}
