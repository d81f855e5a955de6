package binary

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

func sleeper(name string) components.Component {
	return components.Component{Name: name, Binary: "/bin/sleep", Args: []string{"300"}}
}

// TestStartIsRunningAtOnce guards against reading /proc while the child is
// still inside exec, when its cmdline is empty.
func TestStartIsRunningAtOnce(t *testing.T) {
	rt := New(t.TempDir())
	ctx := context.Background()
	for i := 0; i < 30; i++ {
		c := sleeper("s")
		if err := rt.Start(ctx, c); err != nil {
			t.Fatal(err)
		}
		if why := rt.Why(c); why != "running" {
			t.Fatalf("start %d: %s", i, why)
		}
		if err := rt.Stop(ctx, c); err != nil {
			t.Fatal(err)
		}
		if st, _ := rt.State(ctx, c); st != runtime.Stopped {
			t.Fatalf("after stop: %s", st)
		}
	}
}

func TestRecycledPidIsNotOurs(t *testing.T) {
	dir := t.TempDir()
	rt := New(dir)
	// A pid file naming a live process that runs another binary: ours (the test).
	if err := ensureDirs(dir); err != nil {
		t.Fatal(err)
	}
	if err := writePid(rt.pidPath("x"), os.Getpid(), "/bin/sleep"); err != nil {
		t.Fatal(err)
	}
	c := sleeper("x")
	if st, _ := rt.State(context.Background(), c); st != runtime.Stopped {
		t.Fatalf("a recycled pid must not count as running, got %s", st)
	}
	if err := rt.Stop(context.Background(), c); err != nil {
		t.Fatal(err) // and Stop must not kill the test process
	}
}

func TestLogsAndTail(t *testing.T) {
	dir := t.TempDir()
	rt := New(dir)
	c := components.Component{Name: "echo", Binary: "/bin/sh", Args: []string{"-c", "for i in 1 2 3 4 5; do echo line$i; done"}}
	if err := rt.Start(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100 && !strings.Contains(rt.LogTail(c, 10), "line5"); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if tail := rt.LogTail(c, 2); tail != "line4\nline5" {
		t.Fatalf("tail = %q", tail)
	}
	var buf bytes.Buffer
	if err := rt.Logs(context.Background(), c, false, &buf); err != nil || !strings.HasPrefix(buf.String(), "line1\n") {
		t.Fatalf("logs = %q, %v", buf.String(), err)
	}
	if _, err := os.Stat(filepath.Join(dir, "pids", "echo.pid")); err != nil {
		t.Fatalf("pid file missing: %v", err)
	}
}

func TestMissingBinaryFailsClearly(t *testing.T) {
	rt := New(t.TempDir())
	err := rt.Start(context.Background(), components.Component{Name: "ghost", Binary: "/nonexistent/ghost"})
	if err == nil || !strings.Contains(err.Error(), "ghost") {
		t.Fatalf("want an error naming the component, got %v", err)
	}
}
