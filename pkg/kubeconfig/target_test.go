package kubeconfig

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// specialFiles creates, in dir, one path per kind of non-regular target and
// returns them by name. The character device is skipped without CAP_MKNOD.
func specialFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	paths := map[string]string{
		"directory":         filepath.Join(dir, "a-dir"),
		"fifo":              filepath.Join(dir, "a-fifo"),
		"symlink to fifo":   filepath.Join(dir, "link-to-fifo"),
		"symlink to dir":    filepath.Join(dir, "link-to-dir"),
		"char device":       filepath.Join(dir, "a-null"),
		"symlink to device": filepath.Join(dir, "link-to-null"),
	}
	mkdirAll(t, paths["directory"])
	if err := syscall.Mkfifo(paths["fifo"], 0o600); err != nil {
		t.Fatal(err)
	}
	mustSymlink(t, "a-fifo", paths["symlink to fifo"])
	mustSymlink(t, "a-dir", paths["symlink to dir"])
	// 1:3 is /dev/null.
	if err := syscall.Mknod(paths["char device"], syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Logf("no char device test (mknod: %v)", err)
		delete(paths, "char device")
		delete(paths, "symlink to device")
	} else {
		mustSymlink(t, "a-null", paths["symlink to device"])
	}
	return paths
}

// fileTypes maps every path under dir to its type bits (not following links).
func fileTypes(t *testing.T, dir string) map[string]os.FileMode {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]os.FileMode{}
	for _, e := range entries {
		out[e.Name()] = e.Type()
	}
	return out
}

func TestNonRegularTargetIsNeverWritten(t *testing.T) {
	dir := t.TempDir()
	paths := specialFiles(t, dir)
	before := fileTypes(t, dir)
	entry := testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")
	for name, path := range paths {
		t.Run(name, func(t *testing.T) {
			if err := Check(path); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), path) {
				t.Errorf("Check = %v, want ErrNotRegular naming %s", err, path)
			}
			prev, err := Merge(path, entry)
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), path) {
				t.Errorf("Merge = %v, want ErrNotRegular naming %s", err, path)
			}
			if prev != "" {
				t.Errorf("failed Merge returned previous context %q", prev)
			}
			if err := Remove(path, "kmctl-perf", ""); err != nil {
				t.Errorf("Remove = %v, want nil: such a file cannot hold the context", err)
			}
		})
	}
	if after := fileTypes(t, dir); !equalTypes(before, after) {
		t.Errorf("files changed: before %v, after %v", before, after)
	}
}

// TestRealDevNull checks the reviewer's case with the real /dev/null, using
// only operations that cannot write it even if the checks were missing.
func TestRealDevNull(t *testing.T) {
	if _, err := os.Stat("/dev/null"); err != nil {
		t.Skip("no /dev/null")
	}
	if err := Check("/dev/null"); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "character device") {
		t.Errorf("Check(/dev/null) = %v, want ErrNotRegular naming a character device", err)
	}
	if err := Remove("/dev/null", "kmctl-perf", ""); err != nil {
		t.Errorf("Remove(/dev/null) = %v, want nil", err)
	}
	if _, err := os.Stat("/dev/null.lock"); !os.IsNotExist(err) {
		t.Errorf("a lock file was created next to /dev/null")
	}
}

func TestWriteAtomicRefusesNonRegularTarget(t *testing.T) {
	dir := t.TempDir()
	paths := specialFiles(t, dir)
	before := fileTypes(t, dir)
	for _, name := range []string{"directory", "fifo", "char device", "symlink to fifo"} {
		path, ok := paths[name]
		if !ok {
			continue
		}
		if err := writeAtomic(path, []byte("apiVersion: v1\n")); !errors.Is(err, ErrNotRegular) {
			t.Errorf("writeAtomic(%s) = %v, want ErrNotRegular", name, err)
		}
	}
	if after := fileTypes(t, dir); !equalTypes(before, after) {
		t.Errorf("files changed (temp files left or targets replaced): before %v, after %v", before, after)
	}
}

func TestMergeThroughSymlinkKeepsLinkAndWritesTarget(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	writeFile(t, real, richConfig, 0o600)
	link := filepath.Join(dir, "config")
	mustSymlink(t, "real", link)
	if err := Check(link); err != nil {
		t.Fatalf("Check through a symlink: %v", err)
	}
	if _, err := Merge(link, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")); err != nil {
		t.Fatalf("Merge through a symlink: %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link replaced: %v", err)
	}
	if loadConfig(t, real).Contexts["kmctl-perf"] == nil {
		t.Errorf("context not written to the link's target")
	}
}

// equalTypes compares two fileTypes results.
func equalTypes(a, b map[string]os.FileMode) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
