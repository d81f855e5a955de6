package cluster

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
)

func TestDeleteHalfCreated(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, e *testEnv, dir string)
	}{
		{"empty dir", func(*testing.T, *testEnv, string) {}},
		{"only kmctl.yaml", func(t *testing.T, e *testEnv, dir string) {
			cfg := e.config("half")
			if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
				t.Fatal(err)
			}
		}},
		{"kmctl.yaml without a kubeconfig", func(t *testing.T, e *testEnv, dir string) {
			cfg := e.config("half")
			cfg.Kubeconfig = ""
			if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
				t.Fatal(err)
			}
		}},
		{"config, components and some files but nothing running", func(t *testing.T, e *testEnv, dir string) {
			cfg := e.config("half")
			if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
				t.Fatal(err)
			}
			comps := []components.Component{
				{Name: components.KubeAPIServer, Binary: "/nonexistent/kube-apiserver"},
				{Name: components.Etcd, Binary: "/nonexistent/etcd"},
			}
			if err := saveYAML(filepath.Join(dir, "components.yaml"), comps); err != nil {
				t.Fatal(err)
			}
			mkdir(t, filepath.Join(dir, "pki"))
			mkdir(t, filepath.Join(dir, "logs"))
			writeFile(t, filepath.Join(dir, "logs", "etcd.log"), "started\n")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t, true)
			dir := Dir(e.home, "half")
			mkdir(t, dir)
			mkdir(t, Dir(e.home, "other"))
			tc.setup(t, e, dir)

			if err := e.m.Delete(context.Background(), "half"); err != nil {
				t.Fatalf("Delete of a half-created cluster: %v", err)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("%s still exists after Delete (stat: %v)", dir, err)
			}
			if names, _ := List(e.home); !reflect.DeepEqual(names, []string{"other"}) {
				t.Errorf("clusters after Delete = %q, want only the other one", names)
			}
			if err := e.m.Delete(context.Background(), "half"); !errors.Is(err, ErrNotFound) {
				t.Errorf("second Delete = %v, want ErrNotFound", err)
			}
		})
	}
}

// TestDeleteRemovesContext checks that deleting a cluster removes its context
// from the saved kubeconfig and keeps the user's other contexts.
func TestDeleteRemovesContext(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("half")
	for _, ctxName := range []string{"work", ContextName("half")} {
		entry, err := kubeconfig.Build(kubeconfig.Options{Context: ctxName, Server: "https://127.0.0.1:6443"})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(cfg.Kubeconfig), 0o700); err != nil {
			t.Fatal(err)
		}
		if _, err := kubeconfig.Merge(cfg.Kubeconfig, entry); err != nil {
			t.Fatal(err)
		}
	}
	dir := Dir(e.home, "half")
	mkdir(t, dir)
	if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
		t.Fatal(err)
	}
	if err := e.m.Delete(context.Background(), "half"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	data, err := os.ReadFile(cfg.Kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), ContextName("half")) {
		t.Errorf("kubeconfig still holds %s:\n%s", ContextName("half"), data)
	}
	if !strings.Contains(string(data), "work") {
		t.Errorf("kubeconfig lost the user's other context:\n%s", data)
	}
}

// TestDeleteKeepsDirWhenKubeconfigIsMalformed checks that Delete does not
// lose the work dir when it cannot clean the user's kubeconfig.
func TestDeleteKeepsDirWhenKubeconfigIsMalformed(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("half")
	writeFile(t, cfg.Kubeconfig, "clusters: [broken: yaml: kmctl-half\n") // mentions the context, so it may hold it
	dir := Dir(e.home, "half")
	mkdir(t, dir)
	if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
		t.Fatal(err)
	}
	err := e.m.Delete(context.Background(), "half")
	if err == nil {
		t.Fatal("Delete with a malformed kubeconfig: want an error")
	}
	if !strings.Contains(err.Error(), cfg.Kubeconfig) {
		t.Errorf("error %q does not name %s", err, cfg.Kubeconfig)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("work dir removed although Delete failed: %v", err)
	}
}

func TestStatusHalfCreated(t *testing.T) {
	ctx := context.Background()
	e := newTestEnv(t, true)

	empty := Dir(e.home, "empty")
	mkdir(t, empty)
	st, err := e.m.Status(ctx, "empty")
	if err != nil {
		t.Fatalf("Status of an empty work dir: %v", err)
	}
	if st.State != "incomplete" || st.Name != "empty" {
		t.Errorf("Status = %+v, want incomplete", st)
	}

	stopped := Dir(e.home, "stopped")
	mkdir(t, stopped)
	cfg := e.config("stopped")
	if err := saveYAML(filepath.Join(stopped, configFile), &cfg); err != nil {
		t.Fatal(err)
	}
	comps := []components.Component{{Name: components.Etcd, Binary: "/nonexistent/etcd"}, {Name: components.KubeAPIServer, Binary: "/nonexistent/kube-apiserver"}}
	if err := saveYAML(filepath.Join(stopped, "components.yaml"), comps); err != nil {
		t.Fatal(err)
	}
	st, err = e.m.Status(ctx, "stopped")
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if st.State != "stopped" || st.Version != "v1.34.4" || st.Runtime != "binary" {
		t.Errorf("Status = %+v, want stopped, v1.34.4, binary", st)
	}
	if err := e.m.Start(ctx, "empty", 0); err == nil || !strings.Contains(err.Error(), "never fully created") {
		t.Errorf("Start of an empty work dir = %v, want a never-fully-created error", err)
	}
}

func TestStatusString(t *testing.T) {
	tests := []struct {
		st   Status
		want string
	}{
		{Status{State: "running"}, "running"},
		{Status{State: "degraded", Down: []string{"etcd", "prometheus"}}, "degraded (down: etcd, prometheus)"},
		{Status{State: "stopped", Down: []string{"etcd"}}, "stopped"},
	}
	for _, tc := range tests {
		if got := tc.st.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.st, got, tc.want)
		}
	}
}
