package artifacts

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testLock returns a lock with short timings for tests.
func testLock(path string) *fileLock {
	l := newFileLock(path)
	l.poll = 10 * time.Millisecond
	l.refresh = 20 * time.Millisecond
	l.staleAfter = time.Hour
	return l
}

func TestLockWaitsForRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	first := testLock(path)
	if err := first.acquire(context.Background(), io.Discard, "x"); err != nil {
		t.Fatal(err)
	}
	acquired := make(chan error, 1)
	var out bytes.Buffer
	go func() { acquired <- testLock(path).acquire(context.Background(), &out, "x v1") }()
	select {
	case err := <-acquired:
		t.Fatalf("second acquire returned %v while the lock was held", err)
	case <-time.After(100 * time.Millisecond):
	}
	if err := first.release(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-acquired:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("second acquire did not get the lock after release")
	}
	if !strings.Contains(out.String(), "waiting for another kmctl to finish building x v1") {
		t.Errorf("waiter printed %q, want a waiting message", out.String())
	}
}

func TestLockBreaksStaleLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	if err := os.WriteFile(path, []byte("pid 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-31 * time.Minute)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	l := newFileLock(path) // default 30 minute staleness
	l.poll = 10 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := l.acquire(ctx, io.Discard, "x"); err != nil {
		t.Fatalf("stale lock was not broken: %v", err)
	}
	if err := l.release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file still exists after release: %v", err)
	}
}

func TestLockKeepsFreshLockAndHonorsContext(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	if err := os.WriteFile(path, []byte("pid 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := testLock(path).acquire(ctx, io.Discard, "x")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("acquire of a held lock = %v, want deadline exceeded", err)
	}
}

func TestLockHolderRefreshesMtime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	l := testLock(path)
	if err := l.acquire(context.Background(), io.Discard, "x"); err != nil {
		t.Fatal(err)
	}
	defer l.release()
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) < time.Minute {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("lock holder did not refresh the lock file's mtime")
}
