package cluster

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/components"
)

// sleepingCluster saves a cluster "c" of two components that are real
// processes (sleep) for the binary runtime: etcd, and the scheduler that
// depends on it; nothing runs yet.
func sleepingCluster(t *testing.T) *testEnv {
	t.Helper()
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary")
	}
	e := newTestEnv(t, true)
	dir := Dir(e.home, "c")
	mkdir(t, dir)
	cfg := e.config("c")
	if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
		t.Fatal(err)
	}
	comps := []components.Component{
		{Name: components.Etcd, Binary: sleep, Args: []string{"600"}},
		{Name: components.KubeScheduler, Binary: sleep, Args: []string{"600"}, DependsOn: []string{components.Etcd}},
	}
	if err := saveYAML(filepath.Join(dir, "components.yaml"), comps); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.m.Delete(context.Background(), "c") })
	return e
}

func TestStopAndStartOneComponent(t *testing.T) {
	ctx := context.Background()
	e := sleepingCluster(t)
	state := func() string {
		t.Helper()
		st, err := e.m.Status(ctx, "c")
		if err != nil {
			t.Fatal(err)
		}
		return st.String()
	}

	err := e.m.StartComponent(ctx, "c", components.KubeScheduler, 0)
	if err == nil || !strings.Contains(err.Error(), "needs etcd, which is not running") {
		t.Fatalf("starting the scheduler before etcd = %v, want an error naming etcd", err)
	}
	for _, c := range []string{components.Etcd, components.KubeScheduler} {
		if err := e.m.StartComponent(ctx, "c", c, 0); err != nil {
			t.Fatalf("StartComponent(%s): %v", c, err)
		}
	}
	if got := state(); got != "running" {
		t.Errorf("after starting both: %s", got)
	}
	if err := e.m.StopComponent(ctx, "c", components.KubeScheduler); err != nil {
		t.Fatalf("StopComponent: %v", err)
	}
	if got := state(); got != "degraded (down: kube-scheduler)" {
		t.Errorf("after stopping the scheduler: %s", got)
	}
	if err := e.m.StopComponent(ctx, "c", components.KubeScheduler); err != nil {
		t.Errorf("stopping it twice: %v", err)
	}
	for i := 0; i < 2; i++ { // the second start finds it running
		if err := e.m.StartComponent(ctx, "c", components.KubeScheduler, 0); err != nil {
			t.Fatalf("StartComponent #%d: %v", i+1, err)
		}
	}
	if got := state(); got != "running" {
		t.Errorf("after starting the scheduler again: %s", got)
	}
}

func TestUnknownComponent(t *testing.T) {
	e := sleepingCluster(t)
	err := e.m.StopComponent(context.Background(), "c", "kube-proxy")
	if err == nil || !strings.Contains(err.Error(), `has no component "kube-proxy"; its components are etcd, kube-scheduler`) {
		t.Errorf("StopComponent(kube-proxy) = %v, want the list of components", err)
	}
	if err := e.m.StartComponent(context.Background(), "nope", components.Etcd, 0); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("StartComponent on a missing cluster = %v, want does not exist", err)
	}
}
