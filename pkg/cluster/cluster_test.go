package cluster

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
)

func TestValidateName(t *testing.T) {
	tests := []struct {
		name  string
		valid bool
	}{
		{"kmctl", true},
		{"a", true},
		{"0", true},
		{"perf-1", true},
		{"a-b-c", true},
		{"1abc9", true},
		{strings.Repeat("a", 40), true},
		{"a" + strings.Repeat("-", 38) + "z", true},
		{"", false},
		{strings.Repeat("a", 41), false},
		{"-a", false},
		{"a-", false},
		{"-", false},
		{"Perf", false},
		{"a_b", false},
		{"a.b", false},
		{"a b", false},
		{"a/b", false},
		{"..", false},
		{"../etc", false},
		{"a\n", false},
		{"é", false},
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.name), func(t *testing.T) {
			err := ValidateName(tc.name)
			if tc.valid && err != nil {
				t.Errorf("ValidateName(%q) = %v, want nil", tc.name, err)
			}
			if !tc.valid {
				if err == nil {
					t.Errorf("ValidateName(%q) = nil, want an error", tc.name)
				} else if !strings.Contains(err.Error(), strconv.Quote(tc.name)) {
					t.Errorf("error %q does not quote the name", err)
				}
			}
		})
	}
}

func TestHome(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"KMCTL_HOME wins", map[string]string{"KMCTL_HOME": "/state/kmctl", "HOME": "/home/u"}, "/state/kmctl"},
		{"KMCTL_HOME alone", map[string]string{"KMCTL_HOME": "/state/kmctl"}, "/state/kmctl"},
		{"HOME", map[string]string{"HOME": "/home/u"}, "/home/u/.kmctl"},
		{"empty KMCTL_HOME falls back to HOME", map[string]string{"KMCTL_HOME": "", "HOME": "/home/u"}, "/home/u/.kmctl"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Home(func(k string) string { return tc.env[k] })
			if got != tc.want {
				t.Errorf("Home = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("neither set", func(t *testing.T) {
		got := Home(func(string) string { return "" })
		if filepath.Base(got) != ".kmctl" || !filepath.IsAbs(got) && got != ".kmctl" {
			t.Errorf("Home without KMCTL_HOME and HOME = %q, want <user home>/.kmctl", got)
		}
	})
}

func TestDirAndContextName(t *testing.T) {
	if got, want := Dir("/h", "perf"), "/h/clusters/perf"; got != want {
		t.Errorf("Dir = %q, want %q", got, want)
	}
	if got, want := ContextName("perf"), "kmctl-perf"; got != want {
		t.Errorf("ContextName = %q, want %q", got, want)
	}
}

func TestList(t *testing.T) {
	t.Run("missing home", func(t *testing.T) {
		names, err := List(filepath.Join(t.TempDir(), "does", "not", "exist"))
		if err != nil || len(names) != 0 {
			t.Errorf("List = %q, %v; want none, nil", names, err)
		}
	})
	t.Run("home without clusters dir", func(t *testing.T) {
		names, err := List(t.TempDir())
		if err != nil || len(names) != 0 {
			t.Errorf("List = %q, %v; want none, nil", names, err)
		}
	})
	t.Run("empty clusters dir", func(t *testing.T) {
		home := t.TempDir()
		mkdir(t, filepath.Join(home, "clusters"))
		names, err := List(home)
		if err != nil || len(names) != 0 {
			t.Errorf("List = %q, %v; want none, nil", names, err)
		}
	})
	t.Run("sorted dirs, files ignored", func(t *testing.T) {
		home := t.TempDir()
		for _, n := range []string{"zeta", "alpha", "mid"} {
			mkdir(t, Dir(home, n))
		}
		writeFile(t, filepath.Join(home, "clusters", "stray-file"), "x")
		names, err := List(home)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"alpha", "mid", "zeta"}; !reflect.DeepEqual(names, want) {
			t.Errorf("List = %q, want %q", names, want)
		}
	})
}

func TestCreateExistingCluster(t *testing.T) {
	e := newTestEnv(t, true)
	mkdir(t, Dir(e.home, "taken"))
	var plan bytes.Buffer
	err := e.m.Create(context.Background(), e.config("taken"), CreateOptions{DryRun: true, Plan: &plan})
	if err == nil {
		t.Fatal("Create of an existing cluster: want an error")
	}
	for _, want := range []string{`"taken"`, "kmctl delete cluster", "--name taken"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if plan.Len() != 0 {
		t.Errorf("a failed dry run printed a plan:\n%s", plan.String())
	}
}

func TestCreateInvalidName(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("Bad_Name")
	err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "invalid cluster name") {
		t.Fatalf("Create with a bad name = %v, want an invalid-name error", err)
	}
	e.assertNothingWritten(t)
}

func TestCreateUnknownRuntime(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("rt")
	cfg.Runtime = "podman"
	err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: io.Discard})
	if err == nil || !strings.Contains(err.Error(), `"podman"`) {
		t.Fatalf("Create with an unknown runtime = %v, want an error naming it", err)
	}
	e.assertNothingWritten(t)
}

func TestUnknownCluster(t *testing.T) {
	ctx := context.Background()
	ops := map[string]func(m *Manager, name string) error{
		"Status": func(m *Manager, name string) error { _, err := m.Status(ctx, name); return err },
		"Delete": func(m *Manager, name string) error { return m.Delete(ctx, name) },
		"Stop":   func(m *Manager, name string) error { return m.Stop(ctx, name) },
		"Start":  func(m *Manager, name string) error { return m.Start(ctx, name, 0) },
		"Config": func(m *Manager, name string) error { _, err := m.Config(name); return err },
		"Kubeconfig": func(m *Manager, name string) error {
			_, err := m.Kubeconfig(name)
			return err
		},
		"Logs":   func(m *Manager, name string) error { return m.Logs(ctx, name, "etcd", false, io.Discard) },
		"Client": func(m *Manager, name string) error { _, err := m.Client(name); return err },
	}
	for op, call := range ops {
		t.Run(op+"/with clusters", func(t *testing.T) {
			e := newTestEnv(t, true)
			mkdir(t, Dir(e.home, "beta"))
			mkdir(t, Dir(e.home, "alpha"))
			err := call(e.m, "nope")
			if !errors.Is(err, ErrNotFound) {
				t.Fatalf("%s(nope) = %v, want ErrNotFound", op, err)
			}
			for _, want := range []string{`"nope"`, "alpha, beta"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			// Nothing was created or removed.
			if names, _ := List(e.home); !reflect.DeepEqual(names, []string{"alpha", "beta"}) {
				t.Errorf("clusters after %s = %q", op, names)
			}
		})
		t.Run(op+"/no clusters", func(t *testing.T) {
			e := newTestEnv(t, true)
			err := call(e.m, "nope")
			if !errors.Is(err, ErrNotFound) {
				t.Fatalf("%s(nope) = %v, want ErrNotFound", op, err)
			}
			if !strings.Contains(err.Error(), "kmctl create cluster") {
				t.Errorf("error %q does not say how to create a cluster", err)
			}
			if _, err := os.Stat(filepath.Join(e.home, "clusters")); !os.IsNotExist(err) {
				t.Errorf("%s created the clusters dir", op)
			}
		})
		t.Run(op+"/invalid name", func(t *testing.T) {
			e := newTestEnv(t, true)
			mkdir(t, filepath.Join(e.home, "clusters"))
			err := call(e.m, "../clusters")
			if err == nil || !strings.Contains(err.Error(), "invalid cluster name") {
				t.Fatalf("%s(../clusters) = %v, want an invalid-name error", op, err)
			}
			if _, statErr := os.Stat(filepath.Join(e.home, "clusters")); statErr != nil {
				t.Errorf("%s with a path-like name touched the clusters dir: %v", op, statErr)
			}
		})
	}
}

func TestCreateMalformedKubeconfig(t *testing.T) {
	for _, dryRun := range []bool{true, false} {
		t.Run("dryRun="+strconv.FormatBool(dryRun), func(t *testing.T) {
			e := newTestEnv(t, true)
			cfg := e.config("bad-kubeconfig")
			writeFile(t, cfg.Kubeconfig, "apiVersion: v1\nkind: Config\nclusters: [this is: not: valid\n")
			// A cancelled context and a missing go binary make sure a create
			// that got past the precheck could not build or start anything.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err := e.m.Create(ctx, cfg, CreateOptions{DryRun: dryRun, Plan: io.Discard})
			if err == nil {
				t.Fatal("Create with a malformed kubeconfig: want an error")
			}
			if !errors.Is(err, kubeconfig.ErrMalformed) {
				t.Errorf("error %q is not kubeconfig.ErrMalformed", err)
			}
			if !strings.Contains(err.Error(), cfg.Kubeconfig) {
				t.Errorf("error %q does not name %s", err, cfg.Kubeconfig)
			}
			if _, err := os.Stat(filepath.Join(e.home, "clusters")); !os.IsNotExist(err) {
				t.Errorf("Create wrote to %s before failing", filepath.Join(e.home, "clusters"))
			}
			data, _ := os.ReadFile(cfg.Kubeconfig)
			if !strings.Contains(string(data), "not: valid") {
				t.Errorf("the malformed kubeconfig was changed to:\n%s", data)
			}
		})
	}
}

func TestCreateValidExistingKubeconfig(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("good-kubeconfig")
	entry, err := kubeconfig.Build(kubeconfig.Options{Context: "other", Server: "https://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, cfg.Kubeconfig, string(entry))
	var plan bytes.Buffer
	if err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: &plan}); err != nil {
		t.Fatalf("dry run with a valid kubeconfig: %v", err)
	}
	if got, _ := os.ReadFile(cfg.Kubeconfig); !bytes.Equal(got, entry) {
		t.Errorf("dry run changed the user's kubeconfig")
	}
}

func TestCreateMalformedSchedulerConfig(t *testing.T) {
	tests := []struct {
		name    string
		content *string // nil: no file
		want    string
	}{
		{name: "missing file", want: "--kube-scheduler-config"},
		{name: "not YAML", content: ptr("apiVersion: [unclosed\n")},
		{name: "wrong kind", content: ptr("apiVersion: kubescheduler.config.k8s.io/v1\nkind: Pod\n"), want: "KubeSchedulerConfiguration"},
		{name: "old apiVersion", content: ptr("apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n")},
		{name: "unknown field", content: ptr("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentOfNodesToScore: 50\n"), want: "percentOfNodesToScore"},
		{name: "wrong type", content: ptr("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: lots\n")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t, true)
			path := filepath.Join(t.TempDir(), "sched.yaml")
			if tc.content != nil {
				writeFile(t, path, *tc.content)
			}
			cfg := e.config("bad-sched")
			cfg.Scheduler.ConfigFile = path
			var plan bytes.Buffer
			err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: &plan})
			if err == nil {
				t.Fatal("Create with a bad scheduler config: want an error")
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file %s", err, path)
			}
			if tc.want != "" && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q lacks %q", err, tc.want)
			}
			if plan.Len() != 0 {
				t.Errorf("a failed dry run printed a plan:\n%s", plan.String())
			}
			e.assertNothingWritten(t)
		})
	}
}

func TestCreatePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.1: %v", err)
	}
	defer ln.Close()
	busy := ln.Addr().(*net.TCPAddr).Port

	tests := []struct {
		flag string
		set  func(p *Ports)
	}{
		{"kube-apiserver-port", func(p *Ports) { p.APIServer = busy }},
		{"etcd-port", func(p *Ports) { p.Etcd = busy }},
		{"etcd-peer-port", func(p *Ports) { p.EtcdPeer = busy }},
		{"kube-controller-manager-port", func(p *Ports) { p.ControllerManager = busy }},
		{"kube-scheduler-port", func(p *Ports) { p.Scheduler = busy }},
		{"simulator-port", func(p *Ports) { p.Simulator = busy }},
		{"prometheus-port", func(p *Ports) { p.Prometheus = busy }},
	}
	for _, tc := range tests {
		t.Run(tc.flag, func(t *testing.T) {
			e := newTestEnv(t, false) // real port checks
			cfg := e.config("ports")
			tc.set(&cfg.Ports)
			var plan bytes.Buffer
			err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: &plan})
			if err == nil {
				t.Fatalf("Create with --%s=%d in use: want an error", tc.flag, busy)
			}
			for _, want := range []string{"--" + tc.flag, strconv.Itoa(busy)} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if plan.Len() != 0 {
				t.Errorf("a failed dry run printed a plan:\n%s", plan.String())
			}
			e.assertNothingWritten(t)
		})
	}

	t.Run("disabled component's port is ignored", func(t *testing.T) {
		e := newTestEnv(t, false)
		cfg := e.config("ports")
		cfg.Disable = []string{components.Prometheus}
		cfg.Ports.Prometheus = busy
		if err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: io.Discard}); err != nil {
			t.Fatalf("a busy port of a disabled component failed the create: %v", err)
		}
	})
}

func TestCreateSamePortTwice(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.1: %v", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()

	e := newTestEnv(t, false)
	cfg := e.config("ports")
	cfg.Ports.APIServer = port
	cfg.Ports.Etcd = port
	err = e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: io.Discard})
	if err == nil {
		t.Fatal("the same port for the apiserver and etcd: want an error")
	}
	if !strings.Contains(err.Error(), "--etcd-port") {
		t.Errorf("error %q does not name --etcd-port", err)
	}
	e.assertNothingWritten(t)
}

func TestCreateDryRunWithFreePorts(t *testing.T) {
	e := newTestEnv(t, false)
	var plan bytes.Buffer
	if err := e.m.Create(context.Background(), e.config("free"), CreateOptions{DryRun: true, Plan: &plan}); err != nil {
		t.Fatalf("dry run with real free ports: %v", err)
	}
	if !strings.Contains(plan.String(), "start kube-apiserver:") {
		t.Errorf("plan does not start the apiserver:\n%s", plan.String())
	}
	e.assertNothingWritten(t)
}

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
		if err := kubeconfig.Merge(cfg.Kubeconfig, entry); err != nil {
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
	writeFile(t, cfg.Kubeconfig, "clusters: [broken: yaml: here\n")
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

func TestConfigRoundTrip(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("saved")
	pct := int32(40)
	cfg.Scheduler.PercentageOfNodesToScore = &pct
	cfg.Disable = []string{components.Prometheus}
	cfg.Binaries = nil
	dir := Dir(e.home, "saved")
	mkdir(t, dir)
	if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
		t.Fatal(err)
	}
	got, err := e.m.Config("saved")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, cfg) {
		t.Errorf("loaded config:\n%+v\nwant:\n%+v", *got, cfg)
	}
	if got.Enabled(components.Prometheus) || !got.Enabled(components.Simulator) {
		t.Errorf("Enabled: prometheus %v, simulator %v; want false, true", got.Enabled(components.Prometheus), got.Enabled(components.Simulator))
	}
}

func TestDamagedConfig(t *testing.T) {
	e := newTestEnv(t, true)
	dir := Dir(e.home, "damaged")
	mkdir(t, dir)
	writeFile(t, filepath.Join(dir, configFile), "name: [unclosed\n")
	_, err := e.m.Config("damaged")
	if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "delete the cluster") {
		t.Fatalf("Config of a damaged kmctl.yaml = %v, want a damaged error telling to delete the cluster", err)
	}
	st, err := e.m.Status(context.Background(), "damaged")
	if err != nil || st.State != "incomplete" {
		t.Errorf("Status of a damaged cluster = %+v, %v; want incomplete, nil", st, err)
	}
}

func ptr[T any](v T) *T { return &v }

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestLeaseRenewFraction(t *testing.T) {
	for grace, want := range map[time.Duration]float64{
		10 * time.Second: 0.5, 40 * time.Second: 0.5, 4 * time.Minute: 0.5,
		5 * time.Minute: 0.75, DefaultNodeMonitorGracePeriod: 0.75, time.Hour: 0.75,
	} {
		if got := LeaseRenewFraction(grace); got != want {
			t.Errorf("LeaseRenewFraction(%s) = %v, want %v", grace, got, want)
		}
		// The renewal, even at its latest (no jitter), leaves at least a
		// quarter of the grace period for retries.
		if margin := grace - time.Duration(float64(grace)*LeaseRenewFraction(grace)); margin < grace/4 {
			t.Errorf("grace %s leaves only %s after the renewal", grace, margin)
		}
	}
}
