package binary

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/metrics"
)

// writePid records the pid and the binary it runs, so a recycled pid is never mistaken for ours.
func writePid(path string, pid int, binary string) error {
	data := fmt.Sprintf("%d\n%s\n", pid, binary)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		return fmt.Errorf("failed to write pid file %s: %w", path, err)
	}
	return nil
}

func readPid(path string) (int, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, "", err
	}
	lines := strings.SplitN(strings.TrimSpace(string(data)), "\n", 2)
	pid, err := strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil || pid <= 0 {
		return 0, "", fmt.Errorf("malformed pid file %s", path)
	}
	binary := ""
	if len(lines) == 2 {
		binary = strings.TrimSpace(lines[1])
	}
	return pid, binary, nil
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil && err != syscall.EPERM {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return !procAvailable()
	}
	// The state follows the command name in parentheses: "pid (comm) S ...".
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 || i+2 >= len(stat) {
		return true
	}
	return stat[i+2] != 'Z' && stat[i+2] != 'X'
}

// runsBinary reports whether pid runs binary (always true without /proc).
// It reads /proc/<pid>/exe first: during an exec, cmdline is briefly empty.
func runsBinary(pid int, binary string) bool {
	if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); err == nil {
		exe = strings.TrimSuffix(exe, " (deleted)") // the binary was rebuilt meanwhile
		if exe == binary {
			return true
		}
		if resolved, err := filepath.EvalSymlinks(binary); err == nil && resolved == exe {
			return true
		}
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return !procAvailable()
	}
	argv0, _, _ := bytes.Cut(cmdline, []byte{0})
	return string(argv0) == binary
}

func procAvailable() bool {
	_, err := os.Stat("/proc/self/stat")
	return err == nil
}

// Usage implements runtime.Runtime from the process's /proc stat.
func (r *Runtime) Usage(_ context.Context, c components.Component) (metrics.ProcSample, error) {
	pid, err := r.Pid(c.Name)
	if err != nil {
		return metrics.ProcSample{}, err
	}
	return metrics.ReadProcStat(pid)
}

// Pid returns the pid of the named component's process, checked the way
// Stop checks it: alive and still running the binary its pid file records,
// so that a reused pid is never taken for the component.
func (r *Runtime) Pid(name string) (int, error) {
	path := r.pidPath(name)
	pid, binary, err := readPid(path)
	switch {
	case err != nil:
		return 0, fmt.Errorf("cannot read the pid of %s (is the runtime binary?): %w", name, err)
	case !alive(pid):
		return 0, fmt.Errorf("%s (pid %d) is not running", name, pid)
	case binary == "" || !runsBinary(pid, binary):
		return 0, fmt.Errorf("pid %d of %s no longer runs %s", pid, name, binary)
	}
	return pid, nil
}
