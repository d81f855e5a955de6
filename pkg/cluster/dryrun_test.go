package cluster

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/artifacts"
	"github.com/kmctl/kmctl/pkg/log"
	"github.com/kmctl/kmctl/pkg/ports"
	"github.com/kmctl/kmctl/pkg/runtime/docker"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata (go test ./pkg/cluster -run Golden -update)")

// testEnv is a Manager whose every path is a fresh temp dir.
type testEnv struct {
	m        *Manager
	home     string // Manager.Home ($KMCTL_HOME)
	cache    string // Resolver.CacheDir ($KMCTL_CACHE)
	userHome string // $HOME
}

// newTestEnv returns a Manager that touches only temp dirs. With fixedPorts
// it hands out ports from 30000 without touching the network; otherwise
// Manager.Ports is nil and real free ports are checked.
func newTestEnv(t *testing.T, fixedPorts bool) *testEnv {
	t.Helper()
	e := &testEnv{home: t.TempDir(), cache: t.TempDir(), userHome: t.TempDir()}
	env := map[string]string{"HOME": e.userHome}
	e.m = &Manager{
		Home:     e.home,
		Log:      log.Discard(),
		Resolver: &artifacts.Resolver{CacheDir: e.cache, GoBinary: filepath.Join(e.cache, "no-such-go")},
		Self:     "/usr/local/bin/kmctl",
		GetEnv:   func(k string) string { return env[k] },
	}
	if fixedPorts {
		e.m.Ports = &ports.Fixed{Next: 30000}
	}
	return e
}

// config is what `kmctl create cluster --name <name> --kube-scheduler-debug` builds.
func (e *testEnv) config(name string) Config {
	return Config{
		Name:                   name,
		Runtime:                "binary",
		KubeVersion:            "v1.34.4",
		PrometheusVersion:      "v3.5.1",
		Kubeconfig:             filepath.Join(e.userHome, ".kube", "config"),
		Binaries:               map[string]string{},
		NodeMonitorGracePeriod: 40 * time.Second,
		Scheduler:              SchedulerOptions{QPS: 5000, Burst: 10000, Debug: true},
		ControllerManager:      ControllerOptions{QPS: 5000, Burst: 10000},
	}
}

func (e *testEnv) dryRun(t *testing.T, cfg Config) string {
	t.Helper()
	var plan bytes.Buffer
	if err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: &plan}); err != nil {
		t.Fatalf("dry run: %v", err)
	}
	return plan.String()
}

// assertNothingWritten checks that the dry run left home, cache and $HOME as it found them.
func (e *testEnv) assertNothingWritten(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(e.home, "clusters")); !os.IsNotExist(err) {
		t.Errorf("dry run created %s (stat: %v)", filepath.Join(e.home, "clusters"), err)
	}
	for _, dir := range []string{e.home, e.cache, e.userHome} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Errorf("read %s: %v", dir, err)
			continue
		}
		for _, entry := range entries {
			t.Errorf("dry run wrote %s", filepath.Join(dir, entry.Name()))
		}
	}
}

// goldenCase is one dry run compared with its golden file.
type goldenCase struct {
	name   string
	golden string
	// setup may change the config and returns temp paths that must not show in the plan.
	setup func(t *testing.T, cfg *Config) []string
	check func(t *testing.T, plan string)
}

// releaseGoldenCases are the binary runtime's dry run at the newest patch
// release of every supported minor but the default's (which "binary" covers).
func releaseGoldenCases() []goldenCase {
	var out []goldenCase
	for _, v := range artifacts.SupportedKubeVersions() {
		minor := artifacts.KubeMinor(v)
		if minor == artifacts.KubeMinor(artifacts.DefaultKubeVersion) {
			continue
		}
		out = append(out, goldenCase{
			name:   "binary " + v,
			golden: fmt.Sprintf("testdata/binary/create_cluster_1.%d.txt", minor),
			setup: func(t *testing.T, cfg *Config) []string {
				cfg.KubeVersion = v
				return nil
			},
			check: func(t *testing.T, plan string) {
				etcd := artifacts.EtcdFor(v)
				for _, want := range []string{"Kubernetes " + v, "$KMCTL_CACHE/bin/kubernetes-" + v + "/kube-apiserver",
					"$KMCTL_CACHE/bin/etcd-" + etcd + "/etcd"} {
					if !strings.Contains(plan, want) {
						t.Errorf("plan of %s lacks %q", v, want)
					}
				}
				if gates := strings.Contains(plan, "--feature-gates=DetectCacheInconsistency=false"); gates != (minor >= 34) {
					t.Errorf("plan of %s passes the DetectCacheInconsistency gate: %v, want %v (the gate exists from 1.34)", v, gates, minor >= 34)
				}
			},
		})
	}
	return out
}

func TestDryRunGolden(t *testing.T) {
	tests := []goldenCase{
		{
			name:   "binary",
			golden: "testdata/binary/create_cluster.txt",
			check: func(t *testing.T, plan string) {
				sched := planFile(t, plan, "$KMCTL_HOME/clusters/golden/kube-scheduler.yaml")
				for _, want := range []string{"qps: 5000", "burst: 10000", "enableProfiling: true", "leaderElect: false",
					"kubeconfig: $KMCTL_HOME/clusters/golden/kubeconfigs/kube-scheduler.kubeconfig"} {
					if !strings.Contains(sched, want) {
						t.Errorf("scheduler config lacks %q:\n%s", want, sched)
					}
				}
			},
		},
		{
			name:   "docker",
			golden: "testdata/docker/create_cluster.txt",
			setup: func(t *testing.T, cfg *Config) []string {
				cfg.Runtime = docker.Name
				return nil
			},
			check: func(t *testing.T, plan string) {
				for _, want := range []string{
					"container kmctl-golden-etcd on network kmctl-golden, image registry.k8s.io/etcd:3.6.5-0",
					"image registry.k8s.io/kube-apiserver:v1.34.4",
					"image <built from $KMCTL>",
					"--etcd-servers=http://kmctl-golden-etcd:",
					"--listen-client-urls=http://0.0.0.0:",
					"- kmctl-golden-kube-scheduler:",
					"DNS localhost,kmctl-golden-kube-apiserver",
				} {
					if !strings.Contains(plan, want) {
						t.Errorf("docker plan lacks %q", want)
					}
				}
				for _, line := range strings.Split(plan, "\n") {
					if strings.HasPrefix(line, "  publish ") && !strings.HasPrefix(line, "  publish 127.0.0.1:") {
						t.Errorf("a port is published beyond loopback: %s", line)
					}
				}
			},
		},
		{
			name:   "user scheduler config",
			golden: "testdata/binary/create_cluster_scheduler_config.txt",
			setup: func(t *testing.T, cfg *Config) []string {
				dir := t.TempDir()
				path := filepath.Join(dir, "my-scheduler.yaml")
				user := `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
percentageOfNodesToScore: 30
clientConnection:
  qps: 50
profiles:
- schedulerName: perf-scheduler
  plugins:
    score:
      disabled:
      - name: ImageLocality
`
				if err := os.WriteFile(path, []byte(user), 0o600); err != nil {
					t.Fatal(err)
				}
				cfg.Scheduler.ConfigFile = path
				return []string{dir}
			},
			check: func(t *testing.T, plan string) {
				if strings.Contains(plan, "my-scheduler.yaml") {
					t.Errorf("the plan names the user's scheduler config file; it should show only the patched content")
				}
				sched := planFile(t, plan, "$KMCTL_HOME/clusters/golden/kube-scheduler.yaml")
				var doc struct {
					PercentageOfNodesToScore int `json:"percentageOfNodesToScore"`
					ClientConnection         struct {
						Kubeconfig string  `json:"kubeconfig"`
						QPS        float32 `json:"qps"`
						Burst      int32   `json:"burst"`
					} `json:"clientConnection"`
					Profiles []struct {
						SchedulerName string `json:"schedulerName"`
						Plugins       struct {
							Score struct {
								Disabled []struct {
									Name string `json:"name"`
								} `json:"disabled"`
							} `json:"score"`
						} `json:"plugins"`
					} `json:"profiles"`
				}
				if err := yaml.Unmarshal([]byte(sched), &doc); err != nil {
					t.Fatalf("scheduler config in the plan does not parse: %v\n%s", err, sched)
				}
				if doc.PercentageOfNodesToScore != 30 {
					t.Errorf("percentageOfNodesToScore = %d, want the user's 30", doc.PercentageOfNodesToScore)
				}
				if len(doc.Profiles) != 1 || doc.Profiles[0].SchedulerName != "perf-scheduler" ||
					len(doc.Profiles[0].Plugins.Score.Disabled) != 1 || doc.Profiles[0].Plugins.Score.Disabled[0].Name != "ImageLocality" {
					t.Errorf("profiles = %+v, want the user's perf-scheduler profile", doc.Profiles)
				}
				if doc.ClientConnection.QPS != 5000 || doc.ClientConnection.Burst != 10000 {
					t.Errorf("clientConnection qps/burst = %v/%v, want kmctl's 5000/10000 over the user's 50",
						doc.ClientConnection.QPS, doc.ClientConnection.Burst)
				}
				if want := "$KMCTL_HOME/clusters/golden/kubeconfigs/kube-scheduler.kubeconfig"; doc.ClientConnection.Kubeconfig != want {
					t.Errorf("clientConnection.kubeconfig = %q, want %q", doc.ClientConnection.Kubeconfig, want)
				}
			},
		},
	}
	tests = append(tests, releaseGoldenCases()...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEnv(t, true)
			cfg := e.config("golden")
			forbidden := []string{e.home, e.cache, e.userHome}
			if tc.setup != nil {
				forbidden = append(forbidden, tc.setup(t, &cfg)...)
			}
			plan := e.dryRun(t, cfg)
			e.assertNothingWritten(t)

			for _, p := range append(forbidden, os.TempDir(), "/tmp/") {
				if strings.Contains(plan, p) {
					t.Errorf("plan contains the temp path %s", p)
				}
			}
			for _, ph := range []string{"$KMCTL_HOME", "$KMCTL_CACHE", "$KMCTL ", "$HOME"} {
				if !strings.Contains(plan, ph) {
					t.Errorf("plan never uses the placeholder %q", ph)
				}
			}
			if tc.check != nil {
				tc.check(t, plan)
			}

			// The same inputs give the same plan.
			e2 := newTestEnv(t, true)
			cfg2 := e2.config("golden")
			cfg2.Scheduler.ConfigFile = cfg.Scheduler.ConfigFile
			cfg2.Runtime = cfg.Runtime
			cfg2.KubeVersion, cfg2.EtcdVersion = cfg.KubeVersion, cfg.EtcdVersion
			if again := e2.dryRun(t, cfg2); again != plan {
				t.Errorf("a second dry run in other temp dirs printed a different plan:\n%s", firstDiff(plan, again))
			}

			compareGolden(t, tc.golden, plan)
		})
	}
}

// TestDryRunPlanContents checks the parts of the golden plan that matter most,
// so a careless -update cannot silently bless a broken plan.
func TestDryRunPlanContents(t *testing.T) {
	e := newTestEnv(t, true)
	plan := e.dryRun(t, e.config("golden"))
	for _, want := range []string{
		`# cluster "golden", binary runtime, Kubernetes v1.34.4`,
		"mkdir -m 0700 -p $KMCTL_HOME/clusters/golden\n",
		"start etcd:\n  $KMCTL_CACHE/bin/etcd-v3.6.5/etcd \\\n",
		"start kube-apiserver:\n  env GOGC=200\n  $KMCTL_CACHE/bin/kubernetes-v1.34.4/kube-apiserver \\\n",
		"start kmctl-simulator:\n  $KMCTL \\\n    simulate \\\n",
		"start prometheus:\n  $KMCTL_CACHE/bin/prometheus-v3.5.1/prometheus \\\n",
		"--authorization-mode=RBAC",
		"--tls-cert-file=$KMCTL_HOME/clusters/golden/pki/apiserver.crt",
		"--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics,/debug/*",
		"--kube-api-qps=5000",
		"--kube-api-burst=10000",
		"--node-monitor-grace-period=40s",
		"--node-lease-duration=40s",
		"wait for https://127.0.0.1:30000/readyz\n",
		"wait for http://127.0.0.1:30001/health\n",
		"merge context kmctl-golden into $HOME/.kube/config\n",
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	// The controller-manager is not in debug mode: only the scheduler opens /debug/*.
	if n := strings.Count(plan, "/debug/*"); n != 1 {
		t.Errorf("/debug/* appears %d times, want once (scheduler only)", n)
	}
	// Components start in order.
	last := -1
	for _, name := range []string{"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kmctl-simulator", "prometheus"} {
		i := strings.Index(plan, "start "+name+":")
		if i < 0 {
			t.Errorf("plan does not start %s", name)
			continue
		}
		if i < last {
			t.Errorf("%s starts out of order", name)
		}
		last = i
	}
	// Prometheus scrapes every component, the apiserver with a client cert.
	prom := planFile(t, plan, "$KMCTL_HOME/clusters/golden/prometheus.yaml")
	for _, want := range []string{"job_name: etcd", "job_name: kube-apiserver", "job_name: kube-controller-manager",
		"job_name: kube-scheduler", "job_name: kmctl-simulator", "job_name: prometheus",
		"cert_file: $KMCTL_HOME/clusters/golden/pki/prometheus.crt", "insecure_skip_verify: true"} {
		if !strings.Contains(prom, want) {
			t.Errorf("prometheus config lacks %q:\n%s", want, prom)
		}
	}
	e.assertNothingWritten(t)
}

func TestDryRunDisable(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("lean")
	cfg.Disable = []string{"prometheus", "kmctl-simulator"}
	plan := e.dryRun(t, cfg)
	for _, absent := range []string{"start prometheus:", "start kmctl-simulator:", "prometheus.yaml"} {
		if strings.Contains(plan, absent) {
			t.Errorf("plan with prometheus and the simulator disabled contains %q", absent)
		}
	}
	for _, want := range []string{"start etcd:", "start kube-scheduler:"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	e.assertNothingWritten(t)
}

// TestDryRunBinaryOverride checks that a --<name>-binary override shows by its own path.
func TestDryRunBinaryOverride(t *testing.T) {
	e := newTestEnv(t, true)
	bin := filepath.Join(e.userHome, "bin", "etcd")
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := e.config("override")
	cfg.Binaries = map[string]string{"etcd": bin}
	var plan bytes.Buffer
	if err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: &plan}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan.String(), "start etcd:\n  $HOME/bin/etcd \\\n") {
		t.Errorf("plan does not run the overridden etcd:\n%s", plan.String())
	}
}

// TestDryRunMissingOverride checks that a dry run refuses an override the
// real create would refuse, and writes nothing.
func TestDryRunMissingOverride(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("missing")
	cfg.Binaries = map[string]string{"etcd": filepath.Join(e.userHome, "no-such-etcd")}
	err := e.m.Create(context.Background(), cfg, CreateOptions{DryRun: true, Plan: &bytes.Buffer{}})
	if err == nil || !strings.Contains(err.Error(), "--etcd-binary") {
		t.Fatalf("want an error naming --etcd-binary, got %v", err)
	}
	e.assertNothingWritten(t)
}

// planFile returns the content the plan shows for the file written at path.
func planFile(t *testing.T, plan, path string) string {
	t.Helper()
	lines := strings.Split(plan, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "write "+path+" (") {
			continue
		}
		var b strings.Builder
		for _, c := range lines[i+1:] {
			rest, ok := strings.CutPrefix(c, "  | ")
			if !ok {
				if c == "  |" {
					rest, ok = "", true
				}
			}
			if !ok {
				break
			}
			b.WriteString(rest + "\n")
		}
		return b.String()
	}
	t.Fatalf("plan writes no %s:\n%s", path, plan)
	return ""
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; generate it with go test ./pkg/cluster -run Golden -update", err)
	}
	if string(want) != got {
		t.Errorf("plan differs from %s (regenerate with -update if the change is intended):\n%s", path, firstDiff(string(want), got))
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return "(no line differs)"
}

// TestDryRunExtras checks that --extra-args and --extra-env reach their
// component, after kmctl's own flags, and no other.
func TestDryRunExtras(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("extras")
	cfg.Extras = components.Extras{
		Args: map[string][]string{components.KubeAPIServer: {"v=4"}},
		Env:  map[string][]string{components.KubeAPIServer: {"GOGC=300"}},
	}
	plan := e.dryRun(t, cfg)
	apiserver := plan[strings.Index(plan, "start kube-apiserver:"):strings.Index(plan, "start kube-controller-manager:")]
	for _, want := range []string{"--v=4", "GOGC=300"} {
		if !strings.Contains(apiserver, want) {
			t.Errorf("kube-apiserver's plan lacks %q:\n%s", want, apiserver)
		}
	}
	if strings.Count(plan, "--v=4") != 1 || strings.Count(plan, "GOGC=300") != 1 {
		t.Errorf("extras reached other components:\n%s", plan)
	}
	e.assertNothingWritten(t)
}
