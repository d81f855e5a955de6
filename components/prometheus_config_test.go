package components

import (
	"reflect"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

func TestBuildPrometheusConfig(t *testing.T) {
	apiTLS := &PromTLSConfig{CAFile: "/pki/ca.crt", CertFile: "/pki/prometheus.crt", KeyFile: "/pki/prometheus.key"}
	tests := []struct {
		name     string
		interval string
		targets  []ScrapeTarget
		want     PromConfig
	}{
		{
			name:     "no targets, default interval",
			interval: "",
			want:     PromConfig{Global: PromGlobal{ScrapeInterval: "15s"}},
		},
		{
			name:     "http target",
			interval: "5s",
			targets:  []ScrapeTarget{{Job: Etcd, Address: "127.0.0.1:2379"}},
			want: PromConfig{
				Global: PromGlobal{ScrapeInterval: "5s"},
				ScrapeConfigs: []PromScrapeConfig{
					{JobName: Etcd, Scheme: "http", StaticConfigs: []PromStaticConfig{{Targets: []string{"127.0.0.1:2379"}}}},
				},
			},
		},
		{
			name:     "https targets with and without TLS settings",
			interval: "10s",
			targets: []ScrapeTarget{
				{Job: KubeAPIServer, Address: "127.0.0.1:6443", HTTPS: true, TLS: apiTLS},
				{Job: KubeScheduler, Address: "127.0.0.1:10259", HTTPS: true},
				{Job: Prometheus, Address: "127.0.0.1:9090"},
			},
			want: PromConfig{
				Global: PromGlobal{ScrapeInterval: "10s"},
				ScrapeConfigs: []PromScrapeConfig{
					{
						JobName: KubeAPIServer, Scheme: "https", TLSConfig: apiTLS,
						StaticConfigs: []PromStaticConfig{{Targets: []string{"127.0.0.1:6443"}}},
					},
					{
						JobName: KubeScheduler, Scheme: "https", TLSConfig: &PromTLSConfig{InsecureSkipVerify: true},
						StaticConfigs: []PromStaticConfig{{Targets: []string{"127.0.0.1:10259"}}},
					},
					{
						JobName: Prometheus, Scheme: "http",
						StaticConfigs: []PromStaticConfig{{Targets: []string{"127.0.0.1:9090"}}},
					},
				},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := BuildPrometheusConfig(tc.interval, tc.targets)
			if err != nil {
				t.Fatalf("BuildPrometheusConfig: %v", err)
			}
			var got PromConfig
			if err := yaml.UnmarshalStrict(data, &got); err != nil {
				t.Fatalf("output does not decode into PromConfig: %v\n%s", err, data)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("decoded config:\n%+v\nwant:\n%+v\nyaml:\n%s", got, tc.want, data)
			}
			if len(got.ScrapeConfigs) != len(tc.targets) {
				t.Errorf("%d scrape jobs for %d targets", len(got.ScrapeConfigs), len(tc.targets))
			}
			for _, sc := range got.ScrapeConfigs {
				if sc.Scheme == "https" && sc.TLSConfig == nil {
					t.Errorf("https job %s has no tls_config", sc.JobName)
				}
				if sc.Scheme == "http" && sc.TLSConfig != nil {
					t.Errorf("http job %s has a tls_config", sc.JobName)
				}
			}
		})
	}
}

// TestBuildPrometheusConfigKeys checks the keys Prometheus itself reads.
func TestBuildPrometheusConfigKeys(t *testing.T) {
	data, err := BuildPrometheusConfig("5s", []ScrapeTarget{
		{Job: KubeControllerManager, Address: "127.0.0.1:10257", HTTPS: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	jobs, ok := raw["scrape_configs"].([]any)
	if !ok || len(jobs) != 1 {
		t.Fatalf("scrape_configs = %#v", raw["scrape_configs"])
	}
	job := jobs[0].(map[string]any)
	for _, k := range []string{"job_name", "scheme", "tls_config", "static_configs"} {
		if _, ok := job[k]; !ok {
			t.Errorf("job lacks key %q:\n%s", k, data)
		}
	}
	tls := job["tls_config"].(map[string]any)
	if tls["insecure_skip_verify"] != true {
		t.Errorf("tls_config = %v, want insecure_skip_verify: true", tls)
	}
	global := raw["global"].(map[string]any)
	if global["scrape_interval"] != "5s" {
		t.Errorf("global = %v, want scrape_interval 5s", global)
	}
}

func TestBuildPrometheusConfigDuplicateJob(t *testing.T) {
	_, err := BuildPrometheusConfig("5s", []ScrapeTarget{
		{Job: Etcd, Address: "127.0.0.1:2379"},
		{Job: KubeAPIServer, Address: "127.0.0.1:6443", HTTPS: true},
		{Job: Etcd, Address: "127.0.0.1:2381"},
	})
	if err == nil {
		t.Fatal("duplicate job names: want an error")
	}
	if !strings.Contains(err.Error(), `"etcd"`) {
		t.Errorf("error %q does not name the duplicate job", err)
	}
}

// TestBuildPrometheusConfigDoesNotShareTLS checks that the default insecure
// TLS config of one job is not shared with another.
func TestBuildPrometheusConfigDoesNotShareTLS(t *testing.T) {
	a := scrapeConfig(ScrapeTarget{Job: "a", Address: "x:1", HTTPS: true})
	b := scrapeConfig(ScrapeTarget{Job: "b", Address: "x:2", HTTPS: true})
	a.TLSConfig.CAFile = "/changed"
	if b.TLSConfig.CAFile != "" {
		t.Fatal("two https jobs share one tls_config")
	}
}
