package artifacts

import (
	"strings"
	"testing"
	"time"
)

func TestGroupForVersions(t *testing.T) {
	tests := []struct {
		name, version   string
		wantKey, errHas string
	}{
		{name: KubeAPIServer, wantKey: "kubernetes-" + DefaultKubeVersion},
		{name: Kubectl, version: "1.33.2", wantKey: "kubernetes-v1.33.2"},
		{name: KubeScheduler, version: "v1.34.4", wantKey: "kubernetes-v1.34.4"},
		{name: Etcd, wantKey: "etcd-" + DefaultEtcdVersion},
		{name: Etcd, version: "v3.5.21", wantKey: "etcd-v3.5.21"},
		{name: Prometheus, wantKey: "prometheus-" + DefaultPrometheusVersion},
		{name: KubeAPIServer, version: "v1.34", errHas: "vMAJOR.MINOR.PATCH"},
		{name: KubeAPIServer, version: "latest", errHas: "--kube-version"},
		{name: KubeAPIServer, version: "v1.34.4-rc.0", errHas: "vMAJOR.MINOR.PATCH"},
		{name: KubeAPIServer, version: "v1.034.4", errHas: "vMAJOR.MINOR.PATCH"},
		{name: KubeAPIServer, version: "v2.0.0", errHas: "only major version 1"},
		{name: Etcd, version: "v2.3.8", errHas: "--etcd-version"},
		{name: Prometheus, version: "v2.53.0", errHas: "--prometheus-version"},
		{name: "kubelet", errHas: "unknown binary"},
	}
	for _, tt := range tests {
		g, err := groupFor(tt.name, tt.version)
		if tt.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Errorf("groupFor(%q, %q) error = %v, want one containing %q", tt.name, tt.version, err, tt.errHas)
			}
			continue
		}
		if err != nil {
			t.Errorf("groupFor(%q, %q): %v", tt.name, tt.version, err)
			continue
		}
		if g.key() != tt.wantKey {
			t.Errorf("groupFor(%q, %q).key() = %q, want %q", tt.name, tt.version, g.key(), tt.wantKey)
		}
	}
}

func TestPrometheusModuleVersion(t *testing.T) {
	tests := map[string]string{
		"v3.0.0":  "v0.300.0",
		"v3.5.0":  "v0.305.0",
		"v3.5.1":  "v0.305.1",
		"v3.16.0": "v0.316.0",
		"v3.99.7": "v0.399.7",
	}
	for in, want := range tests {
		got, err := prometheusModuleVersion(in)
		if err != nil || got != want {
			t.Errorf("prometheusModuleVersion(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"v2.53.0", "v3.100.0", "3.5", "v3.5.0-rc.1"} {
		if got, err := prometheusModuleVersion(bad); err == nil {
			t.Errorf("prometheusModuleVersion(%q) = %q, want an error", bad, got)
		}
	}
}

func TestStagingVersion(t *testing.T) {
	if got := stagingVersion("v1.34.4"); got != "v0.34.4" {
		t.Errorf("stagingVersion(v1.34.4) = %q, want v0.34.4", got)
	}
}

func TestKubeLDFlags(t *testing.T) {
	date := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	got, err := kubeLDFlags("v1.34.4", date)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"-s -w ",
		"-X k8s.io/component-base/version.gitVersion=v1.34.4",
		"-X k8s.io/component-base/version.gitMajor=1",
		"-X k8s.io/client-go/pkg/version.gitMinor=34",
		"-X k8s.io/client-go/pkg/version.gitTreeState=clean",
		"-X k8s.io/client-go/pkg/version.buildDate=2026-01-02T03:04:05Z",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("kubeLDFlags lacks %q: %s", want, got)
		}
	}
}

func TestPrometheusVersionFlags(t *testing.T) {
	got := prometheusVersionFlags("v3.5.1", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if !strings.Contains(got, "-X github.com/prometheus/common/version.Version=3.5.1 ") ||
		!strings.Contains(got, "version.BuildDate=20260102-03:04:05") {
		t.Errorf("unexpected prometheus ldflags: %s", got)
	}
}
