package kubeconfig

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCheckAccepts(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the path to check
	}{
		{"missing file and directories", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "a", "b", "config")
		}},
		{"valid kubeconfig", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "config"), richConfig, 0o600)
			return filepath.Join(dir, "config")
		}},
		{"empty file", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "config"), "", 0o600)
			return filepath.Join(dir, "config")
		}},
		{"symlink to a valid kubeconfig", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "real"), richConfig, 0o600)
			mustSymlink(t, "real", filepath.Join(dir, "config"))
			return filepath.Join(dir, "config")
		}},
		{"stale lock", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "config")
			writeFile(t, lockPath(path), "999999\n", 0o600)
			old := time.Now().Add(-2 * time.Minute)
			if err := os.Chtimes(lockPath(path), old, old); err != nil {
				t.Fatal(err)
			}
			return path
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			setLockTiming(t, 100*time.Millisecond, time.Minute)
			dir := t.TempDir()
			path := tc.setup(t, dir)
			before := snapshot(t, dir)
			if err := Check(path); err != nil {
				t.Fatalf("Check(%s): %v", path, err)
			}
			if after := snapshot(t, dir); after != before {
				t.Errorf("Check changed the directory:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

func TestCheckRejects(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, dir string) string
		target error    // sentinel the error must match, if any
		want   []string // substrings of the error; "PATH" is the checked path
	}{
		{"not a kubeconfig", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "config"), "foo: bar\n", 0o600)
			return filepath.Join(dir, "config")
		}, ErrMalformed, []string{"PATH", "fix or move it"}},
		{"does not parse", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "config"), "clusters: [a: b: c\n", 0o600)
			return filepath.Join(dir, "config")
		}, ErrMalformed, []string{"PATH"}},
		{"parent is a file", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "file.yaml"), "x", 0o600)
			return filepath.Join(dir, "file.yaml", "config")
		}, nil, []string{"PATH", "file.yaml\" is a regular file, not a directory"}},
		{"grandparent is a file", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "file.yaml"), "x", 0o600)
			return filepath.Join(dir, "file.yaml", "sub", "config")
		}, nil, []string{"file.yaml\" is a regular file, not a directory"}},
		{"held lock", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "config")
			writeFile(t, lockPath(path), "12345\n", 0o600)
			return path
		}, ErrLocked, []string{"PATH.lock"}},
		{"directory", func(t *testing.T, dir string) string {
			mkdirAll(t, filepath.Join(dir, "config"))
			return filepath.Join(dir, "config")
		}, ErrNotRegular, []string{"PATH", "a directory"}},
		{"empty path", func(t *testing.T, dir string) string { return "" }, nil, []string{"--kubeconfig"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			setLockTiming(t, 100*time.Millisecond, time.Minute)
			dir := t.TempDir()
			path := tc.setup(t, dir)
			before := snapshot(t, dir)
			err := Check(path)
			if err == nil {
				t.Fatalf("Check(%s) = nil, want an error", path)
			}
			if tc.target != nil && !errors.Is(err, tc.target) {
				t.Errorf("error %q does not match %v", err, tc.target)
			}
			for _, w := range tc.want {
				if w = strings.ReplaceAll(w, "PATH", path); !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if after := snapshot(t, dir); after != before {
				t.Errorf("Check changed the directory:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

func TestCheckUnwritableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write any directory")
	}
	dir := filepath.Join(t.TempDir(), "ro")
	mkdirAll(t, dir)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	for _, path := range []string{filepath.Join(dir, "config"), filepath.Join(dir, "sub", "config")} {
		if err := Check(path); err == nil || !strings.Contains(err.Error(), "not writable") {
			t.Errorf("Check(%s) = %v, want a not-writable error", path, err)
		}
	}
}

// snapshot lists every path under dir with its type and size, to detect
// any change a check must not make.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		b.WriteString(p + " " + fi.Mode().String() + " " + strconv.FormatInt(fi.Size(), 10) + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
