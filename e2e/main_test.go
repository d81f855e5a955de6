// Package e2e runs the real kmctl against real clusters: etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler, Prometheus and the simulator.
//
// Every test gets a throw-away HOME under one sweep dir; clusters left behind
// by a crashed run are deleted when the next run starts.
package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/artifacts"
	"github.com/kmctl/kmctl/pkg/runtime/docker"
)

var (
	kmctlBin   string // the kmctl built for this run
	kubectlBin string // kubectl from kmctl's cache
	cacheHome  string // shared XDG_CACHE_HOME, so component builds are reused
	sweepRoot  = filepath.Join(os.TempDir(), "kmctl-e2e")
	runDir     string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if err := setup(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e setup:", err)
		return 1
	}
	code := m.Run()
	sweep(runDir)
	return code
}

func setup() error {
	cacheHome = os.Getenv("XDG_CACHE_HOME")
	if cacheHome == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return err
		}
		cacheHome = filepath.Join(home, ".cache")
	}
	if err := os.MkdirAll(sweepRoot, 0o755); err != nil {
		return err
	}
	sweepStale()
	var err error
	if runDir, err = os.MkdirTemp(sweepRoot, "run-"); err != nil {
		return err
	}
	kmctlBin = filepath.Join(runDir, "kmctl")
	build := exec.Command("go", "build", "-o", kmctlBin, "../cmd/kmctl")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build kmctl: %v\n%s", err, out)
	}
	r := &artifacts.Resolver{CacheDir: filepath.Join(cacheHome, "kmctl"), Out: os.Stderr}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	kubectlBin, err = r.Resolve(ctx, artifacts.Request{Name: artifacts.Kubectl})
	return err
}

// e2eCluster matches the names uniqueName gives.
var e2eCluster = regexp.MustCompile(`^(life|bad|sim|dock)-[0-9a-f]{6}$`)

// sweepStale deletes clusters of earlier runs that died before cleaning up,
// including containers whose work dir is already gone.
func sweepStale() {
	entries, _ := os.ReadDir(sweepRoot)
	for _, e := range entries {
		sweep(filepath.Join(sweepRoot, e.Name()))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if docker.Available(ctx) != nil {
		return
	}
	names, _ := docker.Clusters(ctx)
	for _, n := range names {
		if e2eCluster.MatchString(n) {
			_ = docker.RemoveCluster(ctx, n, false)
		}
	}
}

// sweep deletes every cluster under each HOME in dir, then dir itself.
func sweep(dir string) {
	if dir == "" {
		return
	}
	bin := filepath.Join(dir, "kmctl")
	if _, err := os.Stat(bin); err != nil {
		bin = kmctlBin
	}
	homes, _ := filepath.Glob(filepath.Join(dir, "home-*"))
	for _, home := range homes {
		if bin == "" {
			break
		}
		cmd := exec.Command(bin, "delete", "cluster", "--all")
		cmd.Env = append(os.Environ(), "HOME="+home, "KMCTL_HOME=", "KUBECONFIG=")
		_ = cmd.Run()
	}
	_ = os.RemoveAll(dir)
}
