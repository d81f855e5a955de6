package cluster

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"k8s.io/client-go/tools/clientcmd"

	"github.com/kmctl/kmctl/pkg/kubeconfig"
)

// TestCreatePrecheckRejectsUnusableKubeconfig checks that every kubeconfig
// the final merge would refuse stops create before anything is written or
// started, and is left as it was.
func TestCreatePrecheckRejectsUnusableKubeconfig(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, dir string) string // returns the kubeconfig path
		target error
		want   string
	}{
		{"not a kubeconfig", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "config"), "foo: bar\n")
			return filepath.Join(dir, "config")
		}, kubeconfig.ErrMalformed, "fix or move it"},
		{"parent is a file", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "file.yaml"), "x: 1\n")
			return filepath.Join(dir, "file.yaml", "config")
		}, nil, "not a directory"},
		{"directory", func(t *testing.T, dir string) string {
			mkdir(t, filepath.Join(dir, "config"))
			return filepath.Join(dir, "config")
		}, kubeconfig.ErrNotRegular, "a directory"},
		{"fifo", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "config")
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}, kubeconfig.ErrNotRegular, "named pipe"},
		{"/dev/null", func(t *testing.T, dir string) string { return "/dev/null" }, kubeconfig.ErrNotRegular, "character device"},
	}
	for _, tc := range tests {
		for _, dryRun := range []bool{true, false} {
			t.Run(tc.name+"/dryRun="+strconv.FormatBool(dryRun), func(t *testing.T) {
				e := newTestEnv(t, true)
				cfg := e.config("kc")
				cfg.Kubeconfig = tc.setup(t, t.TempDir())
				before, _ := os.Lstat(cfg.Kubeconfig)
				// A cancelled context and a missing go binary make sure a create
				// that got past the precheck could not build or start anything.
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				err := e.m.Create(ctx, cfg, CreateOptions{DryRun: dryRun, Plan: io.Discard})
				if err == nil {
					t.Fatal("Create: want an error")
				}
				if tc.target != nil && !errors.Is(err, tc.target) {
					t.Errorf("error %q does not match %v", err, tc.target)
				}
				if !strings.Contains(err.Error(), cfg.Kubeconfig) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error %q does not name %s and %q", err, cfg.Kubeconfig, tc.want)
				}
				if _, err := os.Stat(filepath.Join(e.home, "clusters")); !os.IsNotExist(err) {
					t.Errorf("Create wrote to %s before failing", filepath.Join(e.home, "clusters"))
				}
				if after, _ := os.Lstat(cfg.Kubeconfig); (before == nil) != (after == nil) ||
					before != nil && (before.Mode() != after.Mode() || before.Size() != after.Size()) {
					t.Errorf("kubeconfig path changed")
				}
			})
		}
	}
}

func TestCheckKubeconfigMakesPathAbsolute(t *testing.T) {
	t.Chdir(t.TempDir())
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Kubeconfig: filepath.Join("sub", "kc")}
	if err := checkKubeconfig(&cfg); err != nil {
		t.Fatalf("checkKubeconfig: %v", err)
	}
	if want := filepath.Join(cwd, "sub", "kc"); cfg.Kubeconfig != want {
		t.Errorf("Kubeconfig = %q, want %q", cfg.Kubeconfig, want)
	}
	cfg.Kubeconfig = ""
	if err := checkKubeconfig(&cfg); err == nil || !strings.Contains(err.Error(), "--kubeconfig") {
		t.Errorf("checkKubeconfig with no path = %v, want an error naming --kubeconfig", err)
	}
}

// TestCreateDeleteRestoresCurrentContext checks the plumbing of the previous
// current-context: the merge at the end of create records it in kmctl.yaml,
// and delete makes it current again.
func TestCreateDeleteRestoresCurrentContext(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("prev")
	work, err := kubeconfig.Build(kubeconfig.Options{Context: "work", Server: "https://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, cfg.Kubeconfig, string(work))
	l := layout{dir: Dir(e.home, "prev")}
	mkdir(t, l.dir)
	if err := saveYAML(l.config(), &cfg); err != nil {
		t.Fatal(err)
	}
	admin, err := kubeconfig.Build(kubeconfig.Options{Context: ContextName("prev"), Server: "https://127.0.0.1:6443"})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, l.adminKubeconfig(), string(admin))

	if err := e.m.mergeKubeconfig(&cfg, l); err != nil {
		t.Fatalf("mergeKubeconfig: %v", err)
	}
	if cur := currentContext(t, cfg.Kubeconfig); cur != ContextName("prev") {
		t.Fatalf("current-context after create = %q, want %s", cur, ContextName("prev"))
	}
	saved, err := loadConfig(l.dir)
	if err != nil {
		t.Fatal(err)
	}
	if saved.PreviousContext != "work" {
		t.Errorf("kmctl.yaml records previous context %q, want work", saved.PreviousContext)
	}
	if err := e.m.Delete(context.Background(), "prev"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if cur := currentContext(t, cfg.Kubeconfig); cur != "work" {
		t.Errorf("current-context after delete = %q, want work", cur)
	}
}

// currentContext returns the current-context of the kubeconfig at path.
func currentContext(t *testing.T, path string) string {
	t.Helper()
	c, err := clientcmd.LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return c.CurrentContext
}
