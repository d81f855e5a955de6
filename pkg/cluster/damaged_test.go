package cluster

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
	"github.com/kmctl/kmctl/pkg/runtime/binary"
)

// sleepers saves cfg and two components running /bin/sleep in the cluster's
// work dir, starts them with the binary runtime, and returns their pids. The
// processes are killed when the test ends, whatever happens.
func sleepers(t *testing.T, e *testEnv, name string) []int {
	t.Helper()
	comps := []components.Component{
		{Name: components.Etcd, Binary: "/bin/sleep", Args: []string{"300"}},
		{Name: components.KubeAPIServer, Binary: "/bin/sleep", Args: []string{"301"}},
	}
	dir, _ := savedCluster(t, e, name, comps)
	rt := binary.New(dir)
	var pids []int
	for _, c := range comps {
		if err := rt.Start(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pidOf(t, dir, c.Name))
	}
	t.Cleanup(func() {
		for _, pid := range pids {
			_ = syscall.Kill(-pid, syscall.SIGKILL)
		}
	})
	return pids
}

// savedCluster writes the work dir of a cluster as create leaves it before
// anything starts: its config and its component list.
func savedCluster(t *testing.T, e *testEnv, name string, comps []components.Component) (string, Config) {
	t.Helper()
	dir := Dir(e.home, name)
	mkdir(t, dir)
	cfg := e.config(name)
	if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
		t.Fatal(err)
	}
	if err := saveYAML(filepath.Join(dir, "components.yaml"), comps); err != nil {
		t.Fatal(err)
	}
	return dir, cfg
}

func pidOf(t *testing.T, dir, component string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "pids", component+".pid"))
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	if _, err := fmt.Sscanf(string(data), "%d", &pid); err != nil {
		t.Fatal(err)
	}
	return pid
}

// running reports whether pid exists and is not a zombie.
func running(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(stat, ')')
	return i < 0 || i+2 >= len(stat) || (stat[i+2] != 'Z' && stat[i+2] != 'X')
}

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// mergeContexts puts contexts with these names into the kubeconfig at path.
func mergeContexts(t *testing.T, path string, names ...string) {
	t.Helper()
	for _, n := range names {
		entry, err := kubeconfig.Build(kubeconfig.Options{Context: n, Server: "https://127.0.0.1:6443"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := kubeconfig.Merge(path, entry); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDeleteDamagedStopsWhatRuns checks that Delete stops the processes of a
// cluster whose state files are damaged (found through their pid files),
// removes its context from the default kubeconfig when kmctl.yaml is
// unreadable, and only then removes the work dir.
func TestDeleteDamagedStopsWhatRuns(t *testing.T) {
	for _, file := range []string{"components.yaml", configFile, "both"} {
		t.Run(file, func(t *testing.T) {
			e := newTestEnv(t, true)
			pids := sleepers(t, e, "dmg")
			dir := Dir(e.home, "dmg")
			userKubeconfig := filepath.Join(e.userHome, ".kube", "config")
			mergeContexts(t, userKubeconfig, "work", ContextName("dmg"))
			for _, f := range []string{"components.yaml", configFile} {
				if file == f || file == "both" {
					appendTo(t, filepath.Join(dir, f), "- name: [\n")
				}
			}

			if err := e.m.Delete(context.Background(), "dmg"); err != nil {
				t.Fatalf("Delete of a damaged cluster: %v", err)
			}
			for _, pid := range pids {
				if running(pid) {
					t.Errorf("pid %d still runs after Delete", pid)
				}
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("work dir still there after Delete (stat: %v)", err)
			}
			data, err := os.ReadFile(userKubeconfig)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(data), ContextName("dmg")) || !strings.Contains(string(data), "work") {
				t.Errorf("kubeconfig after Delete should hold only the user's context:\n%s", data)
			}
		})
	}
}

// TestDeleteDamagedSparesOthersProcesses checks that a pid file naming a
// process that is not the cluster's (a recycled pid) never gets it killed.
func TestDeleteDamagedSparesOthersProcesses(t *testing.T) {
	e := newTestEnv(t, true)
	dir := Dir(e.home, "dmg")
	writeFile(t, filepath.Join(dir, configFile), "name: [\n")
	writeFile(t, filepath.Join(dir, "pids", "etcd.pid"), fmt.Sprintf("%d\n/bin/sleep\n", os.Getpid()))
	if err := e.m.Delete(context.Background(), "dmg"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("work dir still there after Delete (stat: %v)", err)
	}
}

// TestDeleteDamagedKeepsDirOnFailure checks that a damaged cluster whose
// cleanup fails keeps its work dir and gets an error saying what to do, after
// its processes are stopped all the same.
func TestDeleteDamagedKeepsDirOnFailure(t *testing.T) {
	e := newTestEnv(t, true)
	pids := sleepers(t, e, "dmg")
	dir := Dir(e.home, "dmg")
	appendTo(t, filepath.Join(dir, configFile), "- name: [\n")
	// Malformed, and naming the context: Remove must refuse to touch it.
	writeFile(t, filepath.Join(e.userHome, ".kube", "config"), "contexts: [broken: kmctl-dmg\n")

	err := e.m.Delete(context.Background(), "dmg")
	if err == nil {
		t.Fatal("Delete with a malformed default kubeconfig: want an error")
	}
	for _, want := range []string{"kmctl delete cluster --name dmg", dir, filepath.Join(e.userHome, ".kube", "config")} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("work dir removed although Delete failed: %v", err)
	}
	for _, pid := range pids {
		if running(pid) {
			t.Errorf("pid %d still runs after Delete", pid)
		}
	}
}

func TestWithFound(t *testing.T) {
	saved := []components.Component{
		{Name: components.Etcd, Binary: "/saved/etcd"},
		{Name: components.KubeAPIServer, Binary: "/saved/kube-apiserver"},
	}
	found := []components.Component{
		{Name: components.Prometheus, Binary: "/pid/prometheus"},
		{Name: components.Etcd, Binary: "/pid/etcd"},
		{Name: components.KubeScheduler, Binary: "/pid/kube-scheduler"},
	}
	all, extra := withFound(saved, found)
	want := []components.Component{
		{Name: components.Etcd, Binary: "/pid/etcd"},
		{Name: components.KubeAPIServer, Binary: "/saved/kube-apiserver"},
		{Name: components.KubeScheduler, Binary: "/pid/kube-scheduler"},
		{Name: components.Prometheus, Binary: "/pid/prometheus"},
	}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("withFound = %+v, want %+v", all, want)
	}
	if want := []string{components.KubeScheduler, components.Prometheus}; !reflect.DeepEqual(extra, want) {
		t.Errorf("extra = %q, want %q", extra, want)
	}
}
