package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func readPidFile(t *testing.T, e *env, name, component string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(e.workDir(name), "pids", component+".pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.SplitN(string(data), "\n", 2)[0])
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// allPids reads every pid file of a cluster.
func allPids(t *testing.T, e *env, name string) map[string]int {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(e.workDir(name), "pids", "*.pid"))
	out := map[string]int{}
	for _, f := range files {
		comp := strings.TrimSuffix(filepath.Base(f), ".pid")
		out[comp] = readPidFile(t, e, name, comp)
	}
	return out
}

// isZombie reports a process that exited but was not reaped yet.
func isZombie(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	i := bytes.LastIndexByte(stat, ')')
	return i > 0 && i+2 < len(stat) && (stat[i+2] == 'Z' || stat[i+2] == 'X')
}
