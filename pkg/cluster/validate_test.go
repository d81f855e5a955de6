package cluster

import (
	"strings"
	"testing"
	"time"
)

// TestValidateNormalizesVersions checks that versions typed without their
// "v" are saved with it, so image tags and the binary cache agree.
func TestValidateNormalizesVersions(t *testing.T) {
	cfg := DefaultConfig("v")
	cfg.KubeVersion, cfg.EtcdVersion, cfg.PrometheusVersion = "1.34.4", "3.6.16", "v3.5.1"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	got := []string{cfg.KubeVersion, cfg.EtcdVersion, cfg.PrometheusVersion}
	want := []string{"v1.34.4", "v3.6.16", "v3.5.1"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("versions = %v, want %v", got, want)
		}
	}
}

// TestValidateGivesEtcdOfTheKubeRelease checks that an etcd version left
// out is the one kubeadm deploys with the Kubernetes release.
func TestValidateGivesEtcdOfTheKubeRelease(t *testing.T) {
	cfg := DefaultConfig("v")
	cfg.KubeVersion = "1.33.13"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.KubeVersion != "v1.33.13" || cfg.EtcdVersion != "v3.5.24" {
		t.Errorf("versions = %s, etcd %s; want v1.33.13, etcd v3.5.24", cfg.KubeVersion, cfg.EtcdVersion)
	}
}

// TestValidateRefuses checks each rule, and that the error names the flag.
func TestValidateRefuses(t *testing.T) {
	neg, zero := int32(-1), int32(0)
	cases := map[string]func(*Config){
		"--disable \"etcd\"":                            func(c *Config) { c.Disable = []string{"etcd"} },
		"--node-monitor-grace-period":                   func(c *Config) { c.NodeMonitorGracePeriod = time.Second },
		"--kube-scheduler-percentage-of-nodes-to-score": func(c *Config) { c.Scheduler.PercentageOfNodesToScore = &neg },
		"--kube-scheduler-parallelism":                  func(c *Config) { c.Scheduler.Parallelism = &zero },
		"--kube-scheduler-qps":                          func(c *Config) { c.Scheduler.QPS = -5 },
		"--kube-controller-manager-burst":               func(c *Config) { c.ControllerManager.Burst = -1 },
		"--kube-version":                                func(c *Config) { c.KubeVersion = "latest" },
		"Kubernetes v1.33 to v1.37 are supported":       func(c *Config) { c.KubeVersion = "v1.30.0" },
		"--prometheus-version":                          func(c *Config) { c.PrometheusVersion = "2.53.0" },
	}
	for want, change := range cases {
		cfg := DefaultConfig("v")
		change(&cfg)
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want one containing %q", err, want)
		}
	}
	cfg := DefaultConfig("v")
	if err := cfg.Validate(); err != nil {
		t.Errorf("the default config is refused: %v", err)
	}
}
