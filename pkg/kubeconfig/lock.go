package kubeconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"time"
)

// ErrLocked is wrapped by errors from Merge and Remove when another process
// holds the kubeconfig lock for longer than the wait timeout.
var ErrLocked = errors.New("kubeconfig is locked")

// Lock tuning; variables so tests can shorten them.
var (
	lockTimeout    = 10 * time.Second
	lockRetry      = 50 * time.Millisecond
	lockStaleAfter = time.Minute
)

// lockPath is the lock file guarding path. It uses the same "<file>.lock"
// convention as kubectl and kind, so concurrent edits by those tools on the
// same path are serialized too.
func lockPath(path string) string { return path + ".lock" }

// acquireLock creates path's lock file exclusively, retrying until
// lockTimeout. Lock files older than lockStaleAfter are considered left over
// by a crashed process and removed. The returned func releases the lock.
func acquireLock(path string) (func(), error) {
	lock := lockPath(path)
	deadline := time.Now().Add(lockTimeout)
	for {
		err := tryLock(lock)
		if err == nil {
			return func() { _ = os.Remove(lock) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("create lock file %q: %w; check that its directory exists and is writable", lock, err)
		}
		if breakStaleLock(lock) {
			continue
		}
		if time.Now().After(deadline) {
			return nil, lockedError(lock)
		}
		time.Sleep(lockRetry)
	}
}

// lockedError reports a lock held for longer than lockTimeout.
func lockedError(lock string) error {
	return fmt.Errorf("lock file %q is held by another process (waited %s); retry later, or delete it if no kmctl, kind or kubectl is editing the kubeconfig: %w",
		lock, lockTimeout, ErrLocked)
}

// checkLockFree waits, like acquireLock, until path's lock file is absent or
// stale (acquireLock would break it), but never creates or removes it. It
// fails with ErrLocked after lockTimeout.
func checkLockFree(path string) error {
	lock := lockPath(path)
	deadline := time.Now().Add(lockTimeout)
	for {
		fi, err := os.Stat(lock)
		if isMissing(err) || (err == nil && time.Since(fi.ModTime()) >= lockStaleAfter) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("check lock file %q: %w; check the permissions of its directory", lock, err)
		}
		if time.Now().After(deadline) {
			return lockedError(lock)
		}
		time.Sleep(lockRetry)
	}
}

// tryLock creates the lock file with O_EXCL and records our pid in it.
func tryLock(lock string) error {
	f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, fileMode)
	if err != nil {
		return err
	}
	_, _ = f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
	return f.Close()
}

// breakStaleLock removes lock if it is older than lockStaleAfter and reports
// whether the caller should retry at once (also true if it vanished).
func breakStaleLock(lock string) bool {
	fi, err := os.Stat(lock)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil || time.Since(fi.ModTime()) < lockStaleAfter {
		return false
	}
	// Re-check right before removing to narrow the window in which another
	// process replaced the stale lock with a fresh one.
	again, err := os.Stat(lock)
	if err != nil || !os.SameFile(fi, again) {
		return errors.Is(err, fs.ErrNotExist)
	}
	err = os.Remove(lock)
	return err == nil || errors.Is(err, fs.ErrNotExist)
}
