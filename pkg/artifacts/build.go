package artifacts

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// forcedGoEnv makes builds static, independent of any go.work file, and
// stops the go command from looking for version control metadata.
var forcedGoEnv = []string{"CGO_ENABLED=0", "GOWORK=off", "GO111MODULE=on", "GOFLAGS=-buildvcs=false"}

// goBinary finds the go command used for builds.
func (r *Resolver) goBinary() (string, error) {
	name := r.GoBinary
	if name == "" {
		name = "go"
	}
	return exec.LookPath(name)
}

// goEnv is the environment of go commands: ours, then forcedGoEnv, then
// r.Env (later entries win).
func (r *Resolver) goEnv() []string {
	env := append(os.Environ(), forcedGoEnv...)
	return append(env, r.Env...)
}

// build builds every binary of g into the cache unless another process
// does it first. who is the binary the user asked for (for messages).
func (r *Resolver) build(ctx context.Context, g group, who string) (err error) {
	if err := g.checkBuildable(); err != nil {
		return err
	}
	goBin, err := r.goBinary()
	if err != nil {
		return fmt.Errorf("no Go toolchain in PATH to build %s %s from source; install Go 1.24+ or pass %s", who, g.version, OverrideFlag(who))
	}
	root := filepath.Join(r.CacheDir, "build")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return fmt.Errorf("creating build directory: %w; check permissions of %s or choose another cache directory", err, r.CacheDir)
	}
	lock := newFileLock(filepath.Join(root, g.key()+".lock"))
	if err := lock.acquire(ctx, r.out(), g.label()); err != nil {
		return err
	}
	defer func() {
		if rerr := lock.release(); rerr != nil && err == nil {
			err = rerr
		}
	}()
	if r.groupComplete(g) {
		return nil // another kmctl built it while we waited
	}
	removeWorkDirs(root, g.key())
	return r.buildLocked(ctx, g, goBin, root)
}

// removeWorkDirs deletes work directories that interrupted builds of key
// left behind. The caller holds the build lock, so none is in use.
func removeWorkDirs(root, key string) {
	dirs, _ := filepath.Glob(filepath.Join(root, key+"-*"))
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			_ = os.RemoveAll(d)
		}
	}
}

// buildLocked runs g's recipe in a fresh work dir under root and moves the
// finished binaries into the cache. The caller holds the build lock.
func (r *Resolver) buildLocked(ctx context.Context, g group, goBin, root string) error {
	work, err := os.MkdirTemp(root, g.key()+"-*")
	if err != nil {
		return fmt.Errorf("creating build work dir: %w; check free space in %s", err, root)
	}
	defer os.RemoveAll(work)
	logPath := filepath.Join(root, g.key()+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return fmt.Errorf("creating build log: %w; check permissions of %s", err, root)
	}
	defer logFile.Close()

	b := &builder{goBin: goBin, env: r.goEnv(), dir: work, outDir: filepath.Join(work, "out"),
		version: g.version, versionFlag: g.versionFlag, log: logFile, logPath: logPath}
	r.printf("building %s from source (first time only, %s)\n", g.label(), g.estimate)
	start := time.Now()
	stop := r.startProgress(g.label(), start)
	err = g.recipe(ctx, b)
	stop()
	if err != nil {
		return fmt.Errorf("building %s from source failed: %w", g.label(), err)
	}
	if err := r.install(g, b.outDir); err != nil {
		return err
	}
	r.printf("built %s in %s\n", g.label(), time.Since(start).Round(time.Second))
	return nil
}

// install moves a finished build output directory into the cache in one
// rename, so the cache never holds a partial group.
func (r *Resolver) install(g group, outDir string) error {
	for _, name := range g.bins {
		path := filepath.Join(outDir, name)
		if _, err := os.Stat(path); err != nil {
			return fmt.Errorf("build of %s produced no %s: %w; see the build log in %s", g.label(), name, err, filepath.Join(r.CacheDir, "build"))
		}
		if err := os.Chmod(path, 0o755); err != nil {
			return fmt.Errorf("making %s executable: %w", path, err)
		}
	}
	final := r.groupDir(g)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return fmt.Errorf("creating cache directory: %w; check permissions of %s", err, r.CacheDir)
	}
	if err := os.RemoveAll(final); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing incomplete cache entry: %w; delete %s by hand", err, final)
	}
	if err := os.Rename(outDir, final); err != nil {
		return fmt.Errorf("moving build into the cache: %w; check permissions of %s", err, final)
	}
	return nil
}
