package docker

import (
	"context"
	"reflect"
	"strconv"
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

func TestDiscovered(t *testing.T) {
	list := []container.Summary{
		{ID: "a", Labels: map[string]string{LabelCluster: "c1", LabelComponent: "etcd"}},
		{ID: "b", Labels: map[string]string{LabelCluster: "c1"}},
		{ID: "c", Labels: map[string]string{LabelCluster: "c1", LabelComponent: "kube-apiserver"}},
	}
	want := []components.Component{{Name: "etcd"}, {Name: "kube-apiserver"}}
	if got := discovered(list); !reflect.DeepEqual(got, want) {
		t.Errorf("discovered = %+v, want %+v", got, want)
	}
	if got := discovered(nil); len(got) != 0 {
		t.Errorf("discovered(nil) = %+v, want nothing", got)
	}
}

// TestDiscoverFindsLabelledContainers checks that a runtime that knows
// nothing of the cluster's components finds, stops and removes its container.
func TestDiscoverFindsLabelledContainers(t *testing.T) {
	needDocker(t)
	ctx := context.Background()
	cluster, dir := testCluster(t), t.TempDir()
	rt, err := New(cluster, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	port := freePort(t)
	c := tinyComponent(t, dir, port)
	if err := rt.Start(ctx, c); err != nil {
		t.Fatal(err)
	}
	waitHealthy(t, "http://127.0.0.1:"+strconv.Itoa(port)+"/healthz")

	blind, err := New(cluster, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer blind.Close()
	found, err := blind.Discover(ctx)
	if err != nil || !reflect.DeepEqual(found, []components.Component{{Name: "tiny"}}) {
		t.Fatalf("Discover = %+v, %v; want the tiny component", found, err)
	}
	if err := blind.Stop(ctx, found[0]); err != nil {
		t.Fatal(err)
	}
	if st, _ := rt.State(ctx, c); st != runtime.Stopped {
		t.Errorf("state after Stop of the discovered component = %s, want stopped", st)
	}
	if err := blind.Remove(ctx, found); err != nil {
		t.Fatal(err)
	}
	checkNothingLeft(t, cluster)
}
