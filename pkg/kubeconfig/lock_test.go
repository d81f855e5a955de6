package kubeconfig

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMergeWaitsForHeldLock(t *testing.T) {
	setLockTiming(t, 10*time.Second, time.Minute)
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, lockPath(path), "12345\n", 0o600)
	done := make(chan error, 1)
	go func() { done <- mergeErr(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")) }()
	select {
	case err := <-done:
		t.Fatalf("Merge finished while the lock was held: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("file written while the lock was held")
	}
	if err := os.Remove(lockPath(path)); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Merge after release: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Merge did not proceed after the lock was released")
	}
	if loadConfig(t, path).CurrentContext != "kmctl-perf" {
		t.Errorf("entry not merged")
	}
}

func TestLockTimeoutNamesLockFile(t *testing.T) {
	setLockTiming(t, 200*time.Millisecond, time.Minute)
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, richConfig, 0o600)
	writeFile(t, lockPath(path), "", 0o600)
	for name, op := range map[string]func() error{
		"Merge":  func() error { return mergeErr(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")) },
		"Remove": func() error { return Remove(path, "ctx1", "") },
	} {
		err := op()
		if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), lockPath(path)) {
			t.Errorf("%s error = %v, want ErrLocked naming %s", name, err, lockPath(path))
		}
	}
	if _, err := os.Stat(lockPath(path)); err != nil {
		t.Errorf("foreign lock file was removed: %v", err)
	}
}

func TestStaleLockIsBroken(t *testing.T) {
	setLockTiming(t, 2*time.Second, time.Minute)
	path := filepath.Join(t.TempDir(), "config")
	lock := lockPath(path)
	writeFile(t, lock, "999999\n", 0o600)
	old := time.Now().Add(-2 * time.Minute)
	if err := os.Chtimes(lock, old, old); err != nil {
		t.Fatal(err)
	}
	// A lock that were not broken would make Merge fail with ErrLocked
	// once the 2 s wait is over.
	if _, err := Merge(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")); err != nil {
		t.Fatalf("Merge with stale lock: %v", err)
	}
	if _, err := os.Stat(lock); !os.IsNotExist(err) {
		t.Errorf("lock file left behind: %v", err)
	}
}

func TestConcurrentMergesAllLand(t *testing.T) {
	setLockTiming(t, 30*time.Second, time.Minute)
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, richConfig, 0o600)
	const n = 8
	entries := make([][]byte, n)
	for i := range entries {
		entries[i] = testEntry(t, fmt.Sprintf("kmctl-%d", i), "https://127.0.0.1:6443")
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(entry []byte) {
			defer wg.Done()
			errs <- mergeErr(path, entry)
		}(entries[i])
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent Merge: %v", err)
		}
	}
	cfg := loadConfig(t, path)
	for i := 0; i < n; i++ {
		if cfg.Contexts[fmt.Sprintf("kmctl-%d", i)] == nil {
			t.Errorf("context kmctl-%d lost in a concurrent merge", i)
		}
	}
	if len(cfg.Contexts) != 5+n {
		t.Errorf("%d contexts, want %d", len(cfg.Contexts), 5+n)
	}
}
