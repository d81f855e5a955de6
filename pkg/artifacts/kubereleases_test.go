package artifacts

import (
	"strings"
	"testing"
)

func TestUnsupportedKubeVersionsAreRefused(t *testing.T) {
	for _, v := range []string{"v1.30.0", "1.32.9", "v1.38.0", "v1.0.0"} {
		_, err := NormalizeVersion(KubeAPIServer, v)
		if err == nil {
			t.Errorf("NormalizeVersion(kube-apiserver, %q) = nil error, want a refusal", v)
			continue
		}
		for _, want := range []string{"--kube-version", "v1.33 to v1.37", "v1.33.13", "v1.37.2"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("NormalizeVersion(kube-apiserver, %q) error %q does not name %q", v, err, want)
			}
		}
	}
	for _, v := range []string{"v1.33.0", "1.34.4", "v1.35.4", "v1.36.99", "v1.37.2"} {
		if _, err := NormalizeVersion(Kubectl, v); err != nil {
			t.Errorf("NormalizeVersion(kubectl, %q): %v", v, err)
		}
	}
}

func TestEtcdForKubeVersion(t *testing.T) {
	tests := map[string]string{
		"v1.33.13": "v3.5.24",
		"1.33.0":   "v3.5.24",
		"v1.34.4":  "v3.6.5",
		"v1.35.4":  "v3.6.6",
		"v1.36.3":  "v3.6.8",
		"v1.37.2":  "v3.7.0",

		"":        DefaultEtcdVersion,
		"v1.20.0": DefaultEtcdVersion,
	}
	if got := EtcdFor(DefaultKubeVersion); got != DefaultEtcdVersion {
		t.Errorf("EtcdFor(DefaultKubeVersion) = %q, but DefaultEtcdVersion is %q", got, DefaultEtcdVersion)
	}
	for kube, want := range tests {
		if got := EtcdFor(kube); got != want {
			t.Errorf("EtcdFor(%q) = %q, want %q", kube, got, want)
		}
	}
}

func TestCheckVersionsGivesEtcdOfTheKubeRelease(t *testing.T) {
	r := &Resolver{CacheDir: t.TempDir()}
	got, err := r.CheckVersions(Versions{Kube: "1.33.13"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Kube != "v1.33.13" || got.Etcd != "v3.5.24" || got.Prometheus != DefaultPrometheusVersion {
		t.Errorf("CheckVersions(kube 1.33.13) = %+v, want v1.33.13, etcd v3.5.24, prometheus %s", got, DefaultPrometheusVersion)
	}
	got, err = r.CheckVersions(Versions{Kube: "v1.37.2", Etcd: "3.6.16"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Etcd != "v3.6.16" {
		t.Errorf("an etcd version given (3.6.16) became %q", got.Etcd)
	}
}

func TestKubeMinor(t *testing.T) {
	tests := map[string]int{"v1.33.13": 33, "1.37.2": 37, "v1.34": 0, "": 0, "garbage": 0}
	for v, want := range tests {
		if got := KubeMinor(v); got != want {
			t.Errorf("KubeMinor(%q) = %d, want %d", v, got, want)
		}
	}
}

func TestSupportedKubeVersionsAreOneNewestPerMinor(t *testing.T) {
	seen := map[int]bool{}
	for _, v := range SupportedKubeVersions() {
		m := KubeMinor(v)
		if seen[m] {
			t.Errorf("minor %d listed twice", m)
		}
		seen[m] = true
		if _, err := NormalizeVersion(KubeAPIServer, v); err != nil {
			t.Errorf("listed release %s is refused: %v", v, err)
		}
	}
}
