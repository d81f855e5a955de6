package components

import (
	"reflect"
	"slices"
	"testing"
)

func TestBuildPrometheus(t *testing.T) {
	base := PrometheusConfig{
		Binary: "/bin/prometheus", BindAddress: "127.0.0.1", Port: 9090,
		ConfigFile: "/work/prometheus.yaml", DataDir: "/work/prometheus-data",
	}
	common := []string{
		"--config.file=/work/prometheus.yaml",
		"--storage.tsdb.path=/work/prometheus-data",
		"--web.listen-address=127.0.0.1:9090",
		"--web.enable-lifecycle",
	}
	tests := []builderCase{
		{
			name:   "defaults",
			build:  func() (Component, error) { return BuildPrometheus(base) },
			want:   common,
			absent: []string{"--storage.tsdb.retention.time"},
		},
		{
			name: "retention",
			build: func() (Component, error) {
				c := base
				c.Retention = "7d"
				return BuildPrometheus(c)
			},
			want: append(slices.Clone(common), "--storage.tsdb.retention.time=7d"),
		},
		{
			name: "listen on all interfaces",
			build: func() (Component, error) {
				c := base
				c.BindAddress = "0.0.0.0"
				return BuildPrometheus(c)
			},
			want: []string{"--web.listen-address=0.0.0.0:9090"},
		},
	}
	for _, tc := range tests {
		tc.wantName = Prometheus
		tc.binary = "/bin/prometheus"
		tc.health = "http://127.0.0.1:9090/-/ready"
		tc.dependsOn = []string{KubeAPIServer}
		tc.ports = []Port{{Name: "http", Port: 9090, HostPort: 9090}}
		t.Run(tc.name, func(t *testing.T) { checkComponent(t, tc) })
	}

	t.Run("config read-only, data read-write", func(t *testing.T) {
		c, err := BuildPrometheus(base)
		if err != nil {
			t.Fatal(err)
		}
		want := []Mount{
			{HostPath: "/work/prometheus.yaml", Path: "/work/prometheus.yaml", ReadOnly: true},
			{HostPath: "/work/prometheus-data", Path: "/work/prometheus-data"},
		}
		if !reflect.DeepEqual(c.Mounts, want) {
			t.Errorf("Mounts = %+v, want %+v", c.Mounts, want)
		}
	})
}

func TestBuildPrometheusInvalid(t *testing.T) {
	valid := PrometheusConfig{Port: 9090, ConfigFile: "/p.yaml", DataDir: "/d"}
	tests := map[string]func(*PrometheusConfig){
		"no port":        func(c *PrometheusConfig) { c.Port = 0 },
		"no config file": func(c *PrometheusConfig) { c.ConfigFile = "" },
		"no data dir":    func(c *PrometheusConfig) { c.DataDir = "" },
	}
	checkInvalid(t, BuildPrometheus, valid, tests)
}
