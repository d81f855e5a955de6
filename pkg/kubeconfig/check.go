package kubeconfig

import (
	"errors"
	"path/filepath"
)

// Check reports, without changing anything, whether Merge could write the
// kubeconfig at path, so that a caller can fail before doing expensive work.
// It follows symlinks like Merge, then requires that:
//   - an existing target is a regular file (else the error wraps
//     ErrNotRegular) that passes Merge's own validation (else ErrMalformed);
//   - its directory is writable, or can be created under a writable
//     directory (a parent that is a file fails);
//   - "<path>.lock" is free: like Merge it waits up to the lock timeout and
//     ignores a stale lock, but it never creates or removes the lock
//     (ErrLocked when it stays held).
func Check(path string) error {
	if path == "" {
		return errors.New("kubeconfig path is empty; pass --kubeconfig or set KUBECONFIG")
	}
	target, fi, err := statTarget(path)
	if err != nil {
		return err
	}
	if fi != nil {
		if _, err := loadDocument(target); err != nil {
			return err
		}
	}
	if err := checkDir(path, filepath.Dir(target)); err != nil {
		return err
	}
	return checkLockFree(path)
}
