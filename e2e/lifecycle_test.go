package e2e

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/yaml"
)

// savedConfig is the part of a cluster's kmctl.yaml the tests read.
type savedConfig struct {
	Ports struct {
		APIServer  int `json:"apiserver"`
		Scheduler  int `json:"scheduler"`
		Prometheus int `json:"prometheus"`
		Simulator  int `json:"simulator"`
	} `json:"ports"`
}

func (e *env) config(name string) savedConfig {
	e.t.Helper()
	var c savedConfig
	data, err := os.ReadFile(filepath.Join(e.workDir(name), "kmctl.yaml"))
	if err == nil {
		err = yaml.Unmarshal(data, &c)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

const otherContexts = `apiVersion: v1
kind: Config
current-context: keep-me
preferences: {colors: true}
clusters:
- name: keep-cluster
  cluster: {server: "https://10.0.0.1:6443", insecure-skip-tls-verify: true}
users:
- name: keep-user
  user: {token: secret-token}
contexts:
- name: keep-me
  context: {cluster: keep-cluster, user: keep-user, namespace: team}
`

// TestClusterLifecycle is the whole life of a binary-runtime cluster as a user lives it.
func TestClusterLifecycle(t *testing.T) {
	e := newEnv(t)
	writeFile(t, e.kubeconfigPath(), otherContexts)
	name := uniqueName("life")
	ctxName := "kmctl-" + name
	e.createCluster(name, "--runtime", "binary", "--kube-scheduler-debug",
		"--kube-scheduler-qps", "777", "--kube-scheduler-burst", "1555",
		"--kube-scheduler-percentage-of-nodes-to-score", "42", "--node-monitor-grace-period", "20s")
	cfg := e.config(name)

	t.Run("kubectl reaches it through the merged context", func(t *testing.T) {
		out := e.mustKubectl("--context", ctxName, "get", "ns")
		if !strings.Contains(out, "kube-system") {
			t.Fatalf("get ns: %s", out)
		}
		if cur := strings.TrimSpace(e.mustKubectl("config", "current-context")); cur != ctxName {
			t.Fatalf("current context %q, want %q", cur, ctxName)
		}
		assertContextKept(t, e.kubeconfigPath())
		assertMode(t, e.kubeconfigPath(), 0o600)
		if out := e.must(time.Minute, "kubectl", "--name", name, "--", "get", "ns", "default"); !strings.Contains(out, "default") {
			t.Fatalf("kmctl kubectl: %s", out)
		}
	})
	t.Run("scheduler config holds the flags", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(e.workDir(name), "kube-scheduler.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"qps: 777", "burst: 1555", "percentageOfNodesToScore: 42", "enableProfiling: true"} {
			if !strings.Contains(string(data), want) {
				t.Errorf("scheduler config lacks %q:\n%s", want, data)
			}
		}
	})
	t.Run("pprof answers with --kube-scheduler-debug", func(t *testing.T) {
		if code := httpsStatus(t, cfg.Ports.Scheduler, "/debug/pprof/"); code != http.StatusOK {
			t.Fatalf("/debug/pprof/ answered %d, want 200", code)
		}
	})
	t.Run("prometheus scrapes every component", func(t *testing.T) {
		eventually(t, 2*time.Minute, "all targets up", func() error {
			return targetsUp(cfg.Ports.Prometheus, []string{"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kmctl-simulator", "prometheus"})
		})
	})
	t.Run("stop and start keep data", func(t *testing.T) {
		e.mustKubectl("--context", ctxName, "create", "configmap", "survivor", "--from-literal=k=v")
		e.must(2*time.Minute, "stop", "cluster", "--name", name)
		if out := e.must(time.Minute, "get", "clusters"); !strings.Contains(out, "stopped") {
			t.Fatalf("get clusters after stop:\n%s", out)
		}
		e.must(5*time.Minute, "start", "cluster", "--name", name)
		out := e.mustKubectl("--context", ctxName, "get", "configmap", "survivor", "-o", "jsonpath={.data.k}")
		if out != "v" {
			t.Fatalf("configmap after restart: %q", out)
		}
	})
	t.Run("a killed component shows as degraded", func(t *testing.T) {
		pid := readPidFile(t, e, name, "kube-scheduler")
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		eventually(t, 30*time.Second, "degraded status", func() error {
			out := e.must(time.Minute, "get", "clusters")
			if !strings.Contains(out, "degraded (down: kube-scheduler)") {
				return fmt.Errorf("get clusters:\n%s", out)
			}
			return nil
		})
	})
	t.Run("delete leaves nothing behind", func(t *testing.T) {
		pids := allPids(t, e, name)
		e.must(3*time.Minute, "delete", "cluster", "--name", name)
		for comp, pid := range pids {
			if syscall.Kill(pid, 0) == nil && !isZombie(pid) {
				t.Errorf("%s (pid %d) still runs after delete", comp, pid)
			}
		}
		if _, err := os.Stat(e.workDir(name)); !os.IsNotExist(err) {
			t.Errorf("work dir still exists: %v", err)
		}
		cfg, err := clientcmd.LoadFromFile(e.kubeconfigPath())
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := cfg.Contexts[ctxName]; ok {
			t.Errorf("context %s still in kubeconfig", ctxName)
		}
		if cfg.CurrentContext != "keep-me" {
			t.Errorf("current-context %q should be back to the user's keep-me", cfg.CurrentContext)
		}
		assertContextKept(t, e.kubeconfigPath())
	})
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// assertContextKept checks the user's own context survived untouched.
func assertContextKept(t *testing.T, path string) {
	t.Helper()
	cfg, err := clientcmd.LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := cfg.Contexts["keep-me"]
	if !ok || c.Namespace != "team" || c.Cluster != "keep-cluster" {
		t.Fatalf("user's context lost or changed: %+v", c)
	}
	if u := cfg.AuthInfos["keep-user"]; u == nil || u.Token != "secret-token" {
		t.Fatalf("user's credentials lost: %+v", u)
	}
	if cl := cfg.Clusters["keep-cluster"]; cl == nil || cl.Server != "https://10.0.0.1:6443" {
		t.Fatalf("user's cluster lost: %+v", cl)
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != want {
		t.Errorf("%s has mode %o, want %o", path, info.Mode().Perm(), want)
	}
}

func httpsStatus(t *testing.T, port int, path string) int {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // test against self-signed loopback
	}}
	resp, err := client.Get(fmt.Sprintf("https://127.0.0.1:%d%s", port, path))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// targetsUp asks Prometheus whether every job has a healthy target.
func targetsUp(port int, jobs []string) error {
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/api/v1/targets", port))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var body struct {
		Data struct {
			ActiveTargets []struct {
				Labels    map[string]string `json:"labels"`
				Health    string            `json:"health"`
				LastError string            `json:"lastError"`
			} `json:"activeTargets"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return err
	}
	health := map[string]string{}
	for _, t := range body.Data.ActiveTargets {
		health[t.Labels["job"]] = t.Health + " " + t.LastError
	}
	for _, job := range jobs {
		if !strings.HasPrefix(health[job], "up") {
			return fmt.Errorf("job %s: %q (all: %v)", job, health[job], health)
		}
	}
	return nil
}
