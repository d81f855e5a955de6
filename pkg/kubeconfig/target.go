package kubeconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrNotRegular is wrapped by errors about a kubeconfig path that exists but
// is not a regular file once symlinks are followed: a directory, a device
// such as /dev/null, a named pipe or a socket. Such a path is never written.
var ErrNotRegular = errors.New("kubeconfig is not a regular file")

// notRegularError reports a kubeconfig path whose target is not a regular
// file; it matches ErrNotRegular.
type notRegularError struct {
	path   string      // as given
	target string      // after following symlinks
	mode   fs.FileMode // of target
}

func (e *notRegularError) Error() string {
	where := fmt.Sprintf("%q", e.path)
	if e.target != e.path {
		where = fmt.Sprintf("%q (a link to %q)", e.path, e.target)
	}
	return fmt.Sprintf("kubeconfig %s is %s, not a regular file, and is never written; pass --kubeconfig (or set KUBECONFIG to) the path of a regular file, or of one to create",
		where, describeMode(e.mode))
}

func (e *notRegularError) Unwrap() error { return ErrNotRegular }

// describeMode names the file type of m for error messages.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symlink"
	default:
		return fmt.Sprintf("a special file (mode %s)", m)
	}
}

// isMissing reports whether err says a path cannot exist: it is absent, or
// one of its parents is not a directory (ENOTDIR).
func isMissing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// statTarget follows path's symlinks and stats the result without reading
// it. fi is nil when the target does not exist (or cannot, see isMissing);
// an existing target that is not a regular file is a *notRegularError.
func statTarget(path string) (target string, fi fs.FileInfo, err error) {
	target, err = resolveTarget(path)
	if err != nil {
		return "", nil, err
	}
	fi, err = os.Lstat(target)
	if isMissing(err) {
		return target, nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("stat kubeconfig %q: %w; check the permissions of its directory", target, err)
	}
	if !fi.Mode().IsRegular() {
		return "", nil, &notRegularError{path: path, target: target, mode: fi.Mode()}
	}
	return target, fi, nil
}

// regularOrMissing is the write path's own guard: it returns target's info,
// nil when target does not exist, or a *notRegularError, so that a rename
// never replaces a device, a directory or a link.
func regularOrMissing(target string) (fs.FileInfo, error) {
	fi, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("stat kubeconfig %q: %w; check the permissions of its directory", target, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, &notRegularError{path: target, target: target, mode: fi.Mode()}
	}
	return fi, nil
}

// checkDir reports whether the kubeconfig at path could be written into
// dir: dir must be a writable directory, or be creatable, that is its
// nearest existing parent must be a writable directory.
func checkDir(path, dir string) error {
	for d := dir; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		switch {
		case err == nil && fi.IsDir():
			return checkWritable(path, d)
		case err == nil:
			return fmt.Errorf("cannot write kubeconfig %q: %q is %s, not a directory; pass --kubeconfig with a path whose parents are directories",
				path, d, describeMode(fi.Mode()))
		case !isMissing(err):
			return fmt.Errorf("cannot write kubeconfig %q: stat %q: %w; check the permissions of its parents", path, d, err)
		}
		if filepath.Dir(d) == d {
			return nil
		}
	}
}

// checkWritable reports whether new files can be created in dir.
func checkWritable(path, dir string) error {
	const wx = 0x2 | 0x1 // W_OK | X_OK
	if err := syscall.Access(dir, wx); err != nil {
		return fmt.Errorf("cannot write kubeconfig %q: directory %q is not writable (%w); fix its permissions or pass --kubeconfig with another path",
			path, dir, err)
	}
	return nil
}
