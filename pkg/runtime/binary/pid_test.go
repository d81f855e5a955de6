package binary

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPid checks that Pid gives a live process running its recorded binary,
// and refuses a pid file that is missing, malformed or names another binary.
func TestPid(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary")
	}
	if resolved, err := filepath.EvalSymlinks(sleep); err == nil {
		sleep = resolved
	}
	cmd := exec.Command(sleep, "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "pids"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, "pids", name+".pid"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pid := strconv.Itoa(cmd.Process.Pid)
	write("etcd", pid+"\n"+sleep+"\n")
	write("reused", pid+"\n/cache/etcd\n")
	write("bad", "x\n")
	rt := New(dir)
	if got, err := rt.Pid("etcd"); err != nil || got != cmd.Process.Pid {
		t.Errorf("Pid(etcd) = %d, %v; want %d", got, err, cmd.Process.Pid)
	}
	for name, want := range map[string]string{"reused": "no longer runs", "bad": "malformed", "missing": "cannot read"} {
		if _, err := rt.Pid(name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Pid(%s) error = %v, want one containing %q", name, err, want)
		}
	}
}
