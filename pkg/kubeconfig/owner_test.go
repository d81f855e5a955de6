package kubeconfig

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestMergeAndRemoveKeepOwner is the `sudo -E kmctl` case: root edits a
// kubeconfig that belongs to someone else, who must still own it after.
func TestMergeAndRemoveKeepOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the kubeconfig another owner")
	}
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, richConfig, 0o644)
	const uid, gid = 4242, 4343
	if err := os.Chown(path, uid, gid); err != nil {
		t.Fatal(err)
	}
	steps := map[string]func() error{
		"Merge":  func() error { return mergeErr(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")) },
		"Remove": func() error { return Remove(path, "kmctl-perf", "") },
	}
	for _, name := range []string{"Merge", "Remove"} {
		if err := steps[name](); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := ownerOf(fi); got != (owner{uid, gid}) {
			t.Errorf("after %s the owner is %d:%d, want %d:%d", name, got.uid, got.gid, uid, gid)
		}
		assertMode(t, path, 0o600)
	}
}

// TestMergeAsRootFailsWhenOwnerCannotBeKept checks that root never leaves a
// kubeconfig taken from its owner: a failed chown aborts the write, and the
// original file stays as it was, with no temp file left.
func TestMergeAsRootFailsWhenOwnerCannotBeKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, richConfig, 0o644)
	fakeOwnership(t, 0, syscall.EPERM)
	forceOwnerMismatch(t, path)
	err := mergeErr(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443"))
	if !errors.Is(err, syscall.EPERM) {
		t.Fatalf("Merge = %v, want the chown error", err)
	}
	if got := readFile(t, path); !bytes.Equal(got, []byte(richConfig)) {
		t.Errorf("kubeconfig changed although its owner could not be kept")
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("files left next to the kubeconfig: %v", entries)
	}
}

func TestMatchOwner(t *testing.T) {
	mine := owner{os.Getuid(), os.Getgid()}
	other := owner{mine.uid + 1000, mine.gid + 1000}
	tests := []struct {
		name      string
		orig      fs.FileInfo
		euid      int
		chownErr  error
		wantChown bool
		wantErr   error
	}{
		{"new file", nil, 1000, nil, false, nil},
		{"same owner", fakeInfo{mine}, 1000, nil, false, nil},
		{"other owner as root", fakeInfo{other}, 0, nil, true, nil},
		{"other owner, not root: EPERM ignored", fakeInfo{other}, 1000, syscall.EPERM, true, nil},
		{"other owner as root: EPERM returned", fakeInfo{other}, 0, syscall.EPERM, true, syscall.EPERM},
		{"other owner, not root: other errors returned", fakeInfo{other}, 1000, syscall.EIO, true, syscall.EIO},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := fakeOwnership(t, tc.euid, tc.chownErr)
			f, err := os.CreateTemp(t.TempDir(), "tmp")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			err = matchOwner(f, tc.orig)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Errorf("matchOwner = %v, want %v", err, tc.wantErr)
			}
			if (len(*calls) > 0) != tc.wantChown {
				t.Errorf("chown calls %v, want a call: %v", *calls, tc.wantChown)
			}
			if tc.wantChown && len(*calls) > 0 && (*calls)[0] != other {
				t.Errorf("chown to %v, want %v", (*calls)[0], other)
			}
		})
	}
}

// fakeOwnership makes geteuid return euid and chownFile record its target
// and fail with err (wrapped like os does); it returns the recorded calls.
func fakeOwnership(t *testing.T, euid int, err error) *[]owner {
	t.Helper()
	var calls []owner
	oldEuid, oldChown := geteuid, chownFile
	geteuid = func() int { return euid }
	chownFile = func(f *os.File, uid, gid int) error {
		calls = append(calls, owner{uid, gid})
		if err != nil {
			return &os.PathError{Op: "chown", Path: f.Name(), Err: err}
		}
		return nil
	}
	t.Cleanup(func() { geteuid, chownFile = oldEuid, oldChown })
	return &calls
}

// forceOwnerMismatch gives path another owner when running as root, so that
// matchOwner has to call chownFile; without root it skips the test.
func forceOwnerMismatch(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the kubeconfig another owner")
	}
	if err := os.Chown(path, 4242, 4343); err != nil {
		t.Fatal(err)
	}
}

// fakeInfo is a FileInfo that reports only an owner.
type fakeInfo struct{ o owner }

func (f fakeInfo) Name() string       { return "config" }
func (f fakeInfo) Size() int64        { return 0 }
func (f fakeInfo) Mode() fs.FileMode  { return 0o600 }
func (f fakeInfo) ModTime() time.Time { return time.Time{} }
func (f fakeInfo) IsDir() bool        { return false }
func (f fakeInfo) Sys() any {
	return &syscall.Stat_t{Uid: uint32(f.o.uid), Gid: uint32(f.o.gid)}
}
