package docker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

// needDocker skips the test unless a Docker daemon answers, and removes the
// image built from the test program when the test ends (after the cleanups
// registered later).
func needDocker(t *testing.T) {
	t.Helper()
	if err := Available(context.Background()); err != nil {
		t.Skipf("no Docker daemon: %v", err)
	}
	ref, err := localRef(tinyBinary(t), "/usr/local/bin/tiny")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeTestImage(t, ref) })
}

// testCluster returns a unique cluster name whose containers, networks and
// built images are removed when the test ends, even if it fails.
func testCluster(t *testing.T) string {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	cluster := "rt-" + hex.EncodeToString(b)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := RemoveCluster(ctx, cluster, true); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return cluster
}

// freePort returns a port free on 127.0.0.1 right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitHealthy polls url until it answers 200.
func waitHealthy(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("%s did not answer 200 within 30s", url)
}

// waitState polls a component's state until it is want.
func waitState(t *testing.T, rt *Runtime, c components.Component, want runtime.State) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if s, err := rt.State(context.Background(), c); err == nil && s == want {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	s, err := rt.State(context.Background(), c)
	t.Fatalf("state = %s (%v), want %s", s, err, want)
}

// tinyComponent describes the test program serving on hostPort, with a
// writable data mount and the read-only work dir dir.
func tinyComponent(t *testing.T, dir string, hostPort int) components.Component {
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	return components.Component{
		Name:        "tiny",
		Binary:      tinyBinary(t),
		Image:       "registry.invalid/kmctl/tiny:none",
		ImageBinary: "/usr/local/bin/tiny",
		Args:        []string{"8080", filepath.Join(data, "out.txt"), filepath.Join(dir, "nope.txt")},
		Env:         []components.EnvVar{{Name: "GREETING", Value: "hello-from-env"}},
		Ports:       []components.Port{{Name: "http", Port: 8080, HostPort: hostPort}},
		Mounts:      []components.Mount{{HostPath: data, Path: data}},
	}
}

func TestRuntimeLifecycle(t *testing.T) {
	needDocker(t)
	ctx := context.Background()
	cluster, dir := testCluster(t), t.TempDir()
	rt, err := New(cluster, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	var progress strings.Builder
	rt.Out = &progress
	port := freePort(t)
	c := tinyComponent(t, dir, port)
	url := "http://127.0.0.1:" + strconv.Itoa(port) + "/healthz"

	start := time.Now()
	if err := rt.Start(ctx, c); err != nil {
		t.Fatal(err)
	}
	t.Logf("first start (pull attempt, build, create, start) took %s; progress:\n%s", time.Since(start), progress.String())
	waitHealthy(t, url)
	checkRunningTiny(t, rt, c, dir)
	checkPublishedOnLoopback(t, rt, c)
	if names, err := Clusters(ctx); err != nil || !contains(names, cluster) {
		t.Errorf("Clusters = %v, %v; want it to list %s", names, err, cluster)
	}

	if err := rt.Stop(ctx, c); err != nil {
		t.Fatal(err)
	}
	waitState(t, rt, c, runtime.Stopped)
	if err := rt.Stop(ctx, c); err != nil {
		t.Errorf("stopping a stopped container: %v", err)
	}
	if err := rt.Start(ctx, c); err != nil {
		t.Fatal(err)
	}
	waitState(t, rt, c, runtime.Running)
	waitHealthy(t, url)

	if err := rt.Remove(ctx, []components.Component{c}); err != nil {
		t.Fatal(err)
	}
	waitState(t, rt, c, runtime.Missing)
	checkNothingLeft(t, cluster)
}

// checkRunningTiny checks the program's log: env, writable data mount,
// read-only work dir.
func checkRunningTiny(t *testing.T, rt *Runtime, c components.Component, dir string) {
	t.Helper()
	tail := rt.LogTail(c, 10)
	for _, want := range []string{"greeting hello-from-env", "write data: <nil>", "read-only file system", "listening on 8080"} {
		if !strings.Contains(tail, want) {
			t.Errorf("log tail lacks %q:\n%s", want, tail)
		}
	}
	if got := rt.LogTail(c, 1); got != "tiny: listening on 8080" {
		t.Errorf("LogTail(1) = %q", got)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "data", "out.txt")); err != nil || string(b) != "hello" {
		t.Errorf("data mount: %q, %v", b, err)
	}
	var logs strings.Builder
	if err := rt.Logs(context.Background(), c, false, &logs); err != nil || !strings.Contains(logs.String(), "greeting") {
		t.Errorf("Logs = %q, %v", logs.String(), err)
	}
	if why := rt.Why(c); why != "running" {
		t.Errorf("Why = %q, want running", why)
	}
	checkUsage(t, rt, c)
}

// checkUsage checks that the Engine API's stats read as a live process:
// some CPU, some memory, and the same instance until a restart.
func checkUsage(t *testing.T, rt *Runtime, c components.Component) {
	t.Helper()
	ctx := context.Background()
	a, err := rt.Usage(ctx, c)
	if err != nil {
		t.Fatalf("Usage: %v", err)
	}
	if a.CPUSeconds <= 0 || a.RSS == 0 || a.Instance == "" {
		t.Errorf("Usage = %+v, want CPU, memory and an instance", a)
	}
	b, err := rt.Usage(ctx, c)
	if err != nil || b.Instance != a.Instance || b.CPUSeconds < a.CPUSeconds {
		t.Errorf("second Usage = %+v, %v; want instance %q and CPU >= %v", b, err, a.Instance, a.CPUSeconds)
	}
}

// checkPublishedOnLoopback checks what the daemon actually published.
func checkPublishedOnLoopback(t *testing.T, rt *Runtime, c components.Component) {
	t.Helper()
	info, err := rt.cli.ContainerInspect(context.Background(), ContainerName(rt.cluster, c.Name))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.NetworkSettings.Ports) == 0 {
		t.Error("no ports published")
	}
	for port, list := range info.NetworkSettings.Ports {
		for _, b := range list {
			if b.HostIP != "127.0.0.1" {
				t.Errorf("port %s published on %s", port, b.HostIP)
			}
		}
	}
	if _, ok := info.NetworkSettings.Networks[NetworkName(rt.cluster)]; !ok {
		t.Errorf("container not on network %s: %v", NetworkName(rt.cluster), info.NetworkSettings.Networks)
	}
}

// checkNothingLeft checks that no container or network carries the cluster label.
func checkNothingLeft(t *testing.T, cluster string) {
	t.Helper()
	cli, err := newClient()
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	ctx := context.Background()
	cs, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: clusterFilter(cluster)})
	if err != nil || len(cs) != 0 {
		t.Errorf("containers left: %d (%v)", len(cs), err)
	}
	ns, err := cli.NetworkList(ctx, network.ListOptions{Filters: clusterFilter(cluster)})
	if err != nil || len(ns) != 0 {
		t.Errorf("networks left: %d (%v)", len(ns), err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
