package artifacts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// Lock timing. A holder touches its lock file every lockRefresh, so a lock
// that has not changed for lockStaleAfter belongs to a dead process.
const (
	lockStaleAfter = 30 * time.Minute
	lockRefresh    = time.Minute
	lockPoll       = time.Second
)

// fileLock is an exclusive lock held by creating a file with O_EXCL. It
// works across processes without platform-specific locking calls.
type fileLock struct {
	path       string
	staleAfter time.Duration // a lock file unchanged this long is abandoned
	refresh    time.Duration // how often the holder touches the file
	poll       time.Duration // how often waiters retry
	stop       chan struct{}
	done       chan struct{}
}

// newFileLock returns an unlocked lock on path with the default timings.
func newFileLock(path string) *fileLock {
	return &fileLock{path: path, staleAfter: lockStaleAfter, refresh: lockRefresh, poll: lockPoll}
}

// acquire waits until the lock is free (or stale) and takes it. It tells
// out once that it is waiting, and gives up when ctx is done.
func (l *fileLock) acquire(ctx context.Context, out io.Writer, what string) error {
	told := false
	for {
		ok, err := l.tryCreate()
		if err != nil {
			return err
		}
		if ok {
			l.startRefresh()
			return nil
		}
		if l.removeIfStale() {
			continue
		}
		if !told {
			fmt.Fprintf(out, "waiting for another kmctl to finish building %s (lock %s)\n", what, l.path)
			told = true
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for lock %s: %w", l.path, ctx.Err())
		case <-time.After(l.poll):
		}
	}
}

// tryCreate creates the lock file; false means someone else holds it.
func (l *fileLock) tryCreate() (bool, error) {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("creating lock file: %w; check permissions of the cache directory", err)
	}
	fmt.Fprintf(f, "pid %d since %s\n", os.Getpid(), time.Now().Format(time.RFC3339))
	return true, f.Close()
}

// removeIfStale deletes an abandoned lock file and reports whether it did
// (or whether the file is already gone, so the caller should retry now).
func (l *fileLock) removeIfStale() bool {
	fi, err := os.Stat(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil || time.Since(fi.ModTime()) < l.staleAfter {
		return false
	}
	return os.Remove(l.path) == nil
}

// startRefresh keeps the lock file's mtime fresh while the lock is held.
func (l *fileLock) startRefresh() {
	l.stop, l.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(l.done)
		t := time.NewTicker(l.refresh)
		defer t.Stop()
		for {
			select {
			case <-l.stop:
				return
			case now := <-t.C:
				_ = os.Chtimes(l.path, now, now)
			}
		}
	}()
}

// release gives up the lock.
func (l *fileLock) release() error {
	if l.stop != nil {
		close(l.stop)
		<-l.done
		l.stop = nil
	}
	if err := os.Remove(l.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing lock file: %w; delete %s by hand", err, l.path)
	}
	return nil
}
