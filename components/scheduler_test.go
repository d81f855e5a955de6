package components

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestBuildKubeScheduler(t *testing.T) {
	base := KubeSchedulerConfig{
		Binary: "/bin/kube-scheduler", BindAddress: "127.0.0.1", Port: 10259,
		ConfigFile: "/work/kube-scheduler.yaml", Kubeconfig: "/work/kubeconfigs/kube-scheduler.kubeconfig",
	}
	common := []string{
		"--config=/work/kube-scheduler.yaml",
		"--bind-address=127.0.0.1",
		"--secure-port=10259",
		"--authentication-kubeconfig=/work/kubeconfigs/kube-scheduler.kubeconfig",
		"--authorization-kubeconfig=/work/kubeconfigs/kube-scheduler.kubeconfig",
	}
	tests := []builderCase{
		{
			name:  "no debug",
			build: func() (Component, error) { return BuildKubeScheduler(base) },
			want:  append(slices.Clone(common), "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics"),
		},
		{
			name: "debug",
			build: func() (Component, error) {
				c := base
				c.Debug = true
				return BuildKubeScheduler(c)
			},
			want: append(slices.Clone(common), "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics,/debug/*"),
		},
	}
	for _, tc := range tests {
		tc.wantName = KubeScheduler
		tc.binary = "/bin/kube-scheduler"
		tc.health = "https://127.0.0.1:10259/healthz"
		tc.insecure = true
		tc.dependsOn = []string{KubeAPIServer}
		tc.ports = []Port{{Name: "https", Port: 10259, HostPort: 10259}}
		t.Run(tc.name, func(t *testing.T) { checkComponent(t, tc) })
	}

	// The scheduler's QPS and burst live in its config file, never in flags.
	c, err := BuildKubeScheduler(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"--kube-api-qps", "--kube-api-burst", "--kubeconfig"} {
		if v, ok := argValue(c.Args, f); ok {
			t.Errorf("scheduler args have %s=%s; the config file owns it", f, v)
		}
	}
}

func TestBuildKubeSchedulerInvalid(t *testing.T) {
	valid := KubeSchedulerConfig{Port: 10259, ConfigFile: "/c.yaml", Kubeconfig: "/k"}
	tests := map[string]func(*KubeSchedulerConfig){
		"no port":        func(c *KubeSchedulerConfig) { c.Port = 0 },
		"no config file": func(c *KubeSchedulerConfig) { c.ConfigFile = "" },
		"no kubeconfig":  func(c *KubeSchedulerConfig) { c.Kubeconfig = "" },
	}
	checkInvalid(t, BuildKubeScheduler, valid, tests)
}

func TestAllowPathsDoesNotMutateDefaults(t *testing.T) {
	before := slices.Clone(AlwaysAllowPaths)
	_ = allowPaths(true)
	_ = allowPaths(true)
	if !reflect.DeepEqual(AlwaysAllowPaths, before) {
		t.Fatalf("AlwaysAllowPaths changed to %q", AlwaysAllowPaths)
	}
	if got := allowPaths(false); strings.Contains(got, DebugPaths) {
		t.Fatalf("allowPaths(false) = %q after debug calls, want no %s", got, DebugPaths)
	}
}

// TestBuildersDoNotShareArgs checks that two builds never alias each other's slices.
func TestBuildersDoNotShareArgs(t *testing.T) {
	a, err := BuildKubeScheduler(KubeSchedulerConfig{Port: 1, ConfigFile: "/c", Kubeconfig: "/k", Debug: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := BuildKubeScheduler(KubeSchedulerConfig{Port: 1, ConfigFile: "/c", Kubeconfig: "/k"})
	if err != nil {
		t.Fatal(err)
	}
	a.Args[0] = "changed"
	if b.Args[0] == "changed" {
		t.Fatal("two scheduler components share their args")
	}
}
