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

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
)

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

func TestCreateMalformedLifecycle(t *testing.T) {
	e := newTestEnv(t, true)
	path := filepath.Join(t.TempDir(), "life.yaml")
	writeFile(t, path, "apiVersion: kmctl.dev/v1alpha1\nkind: Lifecycle\nrules:\n- name: a\n  life: {failAfter: soon}\n")
	cfg := e.config("bad-life")
	cfg.Simulator.LifecycleFile = path
	var plan bytes.Buffer
	err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: &plan})
	if err == nil || !strings.Contains(err.Error(), path+":5: failAfter") || !strings.Contains(err.Error(), "--simulator-lifecycle") {
		t.Fatalf("error %v, want the flag, the file and line 5 named", err)
	}
	if plan.Len() != 0 {
		t.Errorf("a failed dry run printed a plan:\n%s", plan.String())
	}
	e.assertNothingWritten(t)
}

func TestCreateCopiesTheLifecycle(t *testing.T) {
	e := newTestEnv(t, true)
	path := filepath.Join(t.TempDir(), "life.yaml")
	writeFile(t, path, "apiVersion: kmctl.dev/v1alpha1\nkind: Lifecycle\nrules:\n- name: a\n  life: {failAfter: 1m}\n")
	cfg := e.config("life")
	cfg.Simulator.LifecycleFile = path
	var plan bytes.Buffer
	if err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: &plan}); err != nil {
		t.Fatal(err)
	}
	if out := plan.String(); !strings.Contains(out, "lifecycle.yaml") || !strings.Contains(out, "--lifecycle=") {
		t.Errorf("the plan neither writes lifecycle.yaml nor passes --lifecycle:\n%s", out)
	}
}
