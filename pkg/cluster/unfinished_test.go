package cluster

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/artifacts"
)

// TestUnfinishedClusterCommands checks that the commands that need a
// cluster's component list or admin kubeconfig refuse a cluster whose create
// stopped before writing them, with the message that says to delete it, and
// that kubectl is refused before it is resolved (or built).
func TestUnfinishedClusterCommands(t *testing.T) {
	ctx := context.Background()
	e := newTestEnv(t, true)
	// Interrupted while writing its files: config and marker only.
	dir := Dir(e.home, "inc")
	mkdir(t, dir)
	cfg := e.config("inc")
	if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
		t.Fatal(err)
	}
	if err := (layout{dir: dir}).markUnfinished(); err != nil {
		t.Fatal(err)
	}
	// Components saved but no kubeconfig: a marker, or an empty work dir.
	noKC, _ := savedCluster(t, e, "nokc", []components.Component{{Name: components.Etcd, Binary: "/bin/sleep"}})
	if err := (layout{dir: noKC}).markUnfinished(); err != nil {
		t.Fatal(err)
	}
	mkdir(t, Dir(e.home, "empty"))

	calls := map[string]func(name string) error{
		"Kubeconfig": func(name string) error { _, err := e.m.Kubeconfig(name); return err },
		"Kubectl": func(name string) error {
			return e.m.Kubectl(ctx, name, []string{"get", "nodes"}, nil, io.Discard, io.Discard)
		},
		"Client": func(name string) error { _, err := e.m.Client(name); return err },
		"Logs":   func(name string) error { return e.m.Logs(ctx, name, components.Etcd, false, io.Discard) },
	}
	for _, name := range []string{"inc", "nokc", "empty"} {
		for what, call := range calls {
			if what == "Logs" && name == "nokc" {
				continue // its components are known: their logs may be read
			}
			want := "cluster \"" + name + "\" was never fully created; delete it with `kmctl delete cluster --name " + name + "`"
			if err := call(name); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s(%s) = %v, want one containing %q", what, name, err, want)
			}
		}
	}
}

// TestUnfinishedClusterWithKubeconfig checks that a cluster whose create did
// not finish but got as far as its kubeconfig still gives it (start cluster
// would finish it), and that a finished cluster whose kubeconfig was removed
// says so.
func TestUnfinishedClusterWithKubeconfig(t *testing.T) {
	e := newTestEnv(t, true)
	srv := fakeAPI(t)
	unmergedCluster(t, e, "usable", srv)
	if data, err := e.m.Kubeconfig("usable"); err != nil || !strings.Contains(string(data), srv.URL) {
		t.Errorf("Kubeconfig(usable) = %q, %v; want the admin kubeconfig", data, err)
	}
	savedCluster(t, e, "lost", []components.Component{{Name: components.Etcd, Binary: "/bin/sleep"}})
	_, err := e.m.Kubeconfig("lost")
	if err == nil || !strings.Contains(err.Error(), `cluster "lost" has lost its admin kubeconfig`) ||
		!strings.Contains(err.Error(), "kmctl delete cluster --name lost") {
		t.Errorf("Kubeconfig(lost) = %v, want a lost-kubeconfig error saying to delete it", err)
	}
}

// TestBuildImagesChecksVersionsFirst checks that a bad version fails before
// Docker is asked anything or a binary is resolved.
func TestBuildImagesChecksVersionsFirst(t *testing.T) {
	for _, tt := range []struct {
		versions artifacts.Versions
		errHas   string
	}{
		{artifacts.Versions{Prometheus: "4.0.0"}, `--prometheus-version "4.0.0": only major version 3`},
		{artifacts.Versions{Prometheus: "v3.100.0"}, `--prometheus-version "v3.100.0": only releases v3.0.0 to v3.99.x`},
		{artifacts.Versions{Etcd: "garbage"}, `--etcd-version "garbage"`},
	} {
		e := newTestEnv(t, true)
		err := e.m.BuildImages(context.Background(), tt.versions)
		if err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("BuildImages(%+v) = %v, want one containing %q", tt.versions, err, tt.errHas)
		}
		e.assertNothingWritten(t)
	}
}

// TestImagesConfigNormalizesVersions checks that build images looks for the
// image tags create uses: versions typed without their "v" get it.
func TestImagesConfigNormalizesVersions(t *testing.T) {
	e := newTestEnv(t, true)
	cfg, err := e.m.imagesConfig(artifacts.Versions{Kube: "1.34.4", Prometheus: "3.5.1"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		components.KubeAPIServer: "registry.k8s.io/kube-apiserver:v1.34.4",
		components.Etcd:          "registry.k8s.io/etcd:3.6.5-0",
		components.Prometheus:    "prom/prometheus:v3.5.1",
	}
	for comp, img := range want {
		if got := defaultImage(cfg, comp); got != img {
			t.Errorf("image of %s = %q, want %q", comp, got, img)
		}
	}
}

// TestCreateChecksEveryBinaryFirst checks that a Prometheus version that
// cannot be built fails before the other components' binaries are built.
func TestCreateChecksEveryBinaryFirst(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("p")
	cfg.PrometheusVersion = "v3.100.0"
	err := e.m.Create(context.Background(), cfg, CreateOptions{})
	if err == nil || !strings.Contains(err.Error(), "--prometheus-version") {
		t.Fatalf("Create = %v, want the --prometheus-version limit (before any build)", err)
	}
	e.assertNothingWritten(t)
}
