// Package binary runs components as detached local processes, each with a
// pid file and a log file in the cluster's work dir.
package binary

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

// Name is the runtime's name on the command line.
const Name = "binary"

// stopTimeout is how long a component may take to exit after SIGTERM.
const stopTimeout = 20 * time.Second

// Runtime starts components as child processes in their own session, so they
// outlive kmctl and a Ctrl-C in its terminal does not reach them.
type Runtime struct {
	dir string
}

var (
	_ runtime.Runtime    = (*Runtime)(nil)
	_ runtime.Discoverer = (*Runtime)(nil)
)

// New returns a runtime keeping logs and pid files under dir.
func New(dir string) *Runtime {
	return &Runtime{dir: dir}
}

// Name implements runtime.Runtime.
func (r *Runtime) Name() string { return Name }

// LogPath is where a component's output goes.
func (r *Runtime) LogPath(name string) string {
	return filepath.Join(r.dir, "logs", name+".log")
}

func (r *Runtime) pidPath(name string) string {
	return filepath.Join(r.dir, "pids", name+".pid")
}

// Start implements runtime.Runtime.
func (r *Runtime) Start(ctx context.Context, c components.Component) error {
	if state, err := r.State(ctx, c); err == nil && state == runtime.Running {
		return nil
	}
	if err := ensureDirs(r.dir); err != nil {
		return err
	}
	logFile, err := os.OpenFile(r.LogPath(c.Name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("failed to open the log of %s: %w", c.Name, err)
	}
	defer logFile.Close()
	cmd := command(c, r.dir, logFile)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("failed to start %s (%s): %w", c.Name, c.Binary, err)
	}
	go func() { _ = cmd.Wait() }() // reap it if it dies while kmctl still runs
	if err := writePid(r.pidPath(c.Name), cmd.Process.Pid, c.Binary); err != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		return err
	}
	return nil
}

func command(c components.Component, dir string, out *os.File) *exec.Cmd {
	cmd := exec.Command(c.Binary, c.Args...)
	cmd.Dir = dir
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.Env = os.Environ()
	for _, e := range c.Env {
		cmd.Env = append(cmd.Env, e.Name+"="+e.Value)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	return cmd
}

func ensureDirs(dir string) error {
	for _, sub := range []string{"logs", "pids"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return fmt.Errorf("failed to create %s: %w", filepath.Join(dir, sub), err)
		}
	}
	return nil
}

// Stop implements runtime.Runtime: SIGTERM to the process group, then SIGKILL.
func (r *Runtime) Stop(ctx context.Context, c components.Component) error {
	pid, ok := r.ownedPid(c)
	if ok {
		if err := terminate(ctx, pid); err != nil {
			return fmt.Errorf("failed to stop %s (pid %d): %w", c.Name, pid, err)
		}
	}
	if err := os.Remove(r.pidPath(c.Name)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

func terminate(ctx context.Context, pid int) error {
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	_ = syscall.Kill(pid, syscall.SIGTERM)
	deadline := time.Now().Add(stopTimeout)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if !alive(pid) {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	_ = syscall.Kill(pid, syscall.SIGKILL)
	for i := 0; i < 50 && alive(pid); i++ {
		time.Sleep(100 * time.Millisecond)
	}
	if alive(pid) {
		return fmt.Errorf("process still alive after SIGKILL")
	}
	return nil
}

// State implements runtime.Runtime.
func (r *Runtime) State(_ context.Context, c components.Component) (runtime.State, error) {
	if _, ok := r.ownedPid(c); ok {
		return runtime.Running, nil
	}
	return runtime.Stopped, nil
}

// ownedPid returns the pid from the pid file if that process is alive and
// still runs the component's binary (a recycled pid is not ours).
func (r *Runtime) ownedPid(c components.Component) (int, bool) {
	pid, err := r.owned(c)
	return pid, err == nil
}

// owned says why the component's process is not ours or not running.
func (r *Runtime) owned(c components.Component) (int, error) {
	pid, binary, err := readPid(r.pidPath(c.Name))
	switch {
	case err != nil:
		return 0, err
	case !alive(pid):
		return 0, fmt.Errorf("pid %d is not running", pid)
	case binary != c.Binary:
		return 0, fmt.Errorf("pid file names %s, not %s", binary, c.Binary)
	case !runsBinary(pid, binary):
		return 0, fmt.Errorf("pid %d no longer runs %s", pid, binary)
	}
	return pid, nil
}

// Discover implements runtime.Discoverer: one component per pid file, named
// after the file and carrying the binary the file records, so Stop applies
// the usual ownership check (the process must still run that binary) before
// it kills anything. A pid file that does not parse yields a component
// without a binary, which Stop never kills but clears.
func (r *Runtime) Discover(context.Context) ([]components.Component, error) {
	entries, err := os.ReadDir(filepath.Join(r.dir, "pids"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("failed to list the pid files in %s: %w", filepath.Join(r.dir, "pids"), err)
	}
	var found []components.Component
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".pid")
		if !ok || e.IsDir() || name == "" {
			continue
		}
		_, binary, _ := readPid(r.pidPath(name))
		found = append(found, components.Component{Name: name, Binary: binary})
	}
	return found, nil
}

// Why explains a stopped component, for error messages.
func (r *Runtime) Why(c components.Component) string {
	if _, err := r.owned(c); err != nil {
		return err.Error()
	}
	return "running"
}

// Remove implements runtime.Runtime; processes leave nothing outside the work dir.
func (r *Runtime) Remove(context.Context, []components.Component) error { return nil }
