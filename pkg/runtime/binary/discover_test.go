package binary

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

func TestDiscoverWithoutPidsDir(t *testing.T) {
	found, err := New(t.TempDir()).Discover(context.Background())
	if err != nil || len(found) != 0 {
		t.Errorf("Discover of an empty work dir = %v, %v; want nothing", found, err)
	}
}

// TestDiscoverListsPidFiles checks that every pid file becomes a component
// with the binary the file records, and that other files are ignored.
func TestDiscoverListsPidFiles(t *testing.T) {
	dir := t.TempDir()
	rt := New(dir)
	if err := ensureDirs(dir); err != nil {
		t.Fatal(err)
	}
	if err := writePid(rt.pidPath("etcd"), 123, "/opt/bin/etcd"); err != nil {
		t.Fatal(err)
	}
	if err := writePid(rt.pidPath("kube-apiserver"), 124, "/opt/bin/kube-apiserver"); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"broken.pid": "not a pid\n", "notes.txt": "x", ".pid": "1\n/bin/x\n"} {
		if err := os.WriteFile(filepath.Join(dir, "pids", name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	found, err := rt.Discover(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []components.Component{
		{Name: "broken"},
		{Name: "etcd", Binary: "/opt/bin/etcd"},
		{Name: "kube-apiserver", Binary: "/opt/bin/kube-apiserver"},
	}
	if !reflect.DeepEqual(found, want) {
		t.Errorf("Discover = %+v, want %+v", found, want)
	}
}

// TestStopDiscovered checks that a discovered component is stopped like a
// saved one, and that a discovered pid that is not ours is left alone.
func TestStopDiscovered(t *testing.T) {
	dir := t.TempDir()
	rt := New(dir)
	ctx := context.Background()
	if err := rt.Start(ctx, sleeper("s")); err != nil {
		t.Fatal(err)
	}
	pid, _, err := readPid(rt.pidPath("s"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(-pid, syscall.SIGKILL) })
	// Not ours: the test process, recorded as running /bin/sleep.
	if err := writePid(rt.pidPath("other"), os.Getpid(), "/bin/sleep"); err != nil {
		t.Fatal(err)
	}
	found, err := rt.Discover(ctx)
	if err != nil || len(found) != 2 {
		t.Fatalf("Discover = %+v, %v; want two components", found, err)
	}
	for _, c := range found {
		if err := rt.Stop(ctx, c); err != nil {
			t.Fatalf("Stop(%s): %v", c.Name, err)
		}
	}
	if alive(pid) {
		t.Errorf("pid %d still runs after Stop of its discovered component", pid)
	}
	if st, _ := rt.State(ctx, sleeper("s")); st != runtime.Stopped {
		t.Errorf("state after Stop = %s, want stopped", st)
	}
	if left, _ := rt.Discover(ctx); len(left) != 0 {
		t.Errorf("pid files left after Stop: %+v", left)
	}
}
