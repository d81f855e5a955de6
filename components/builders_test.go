package components

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// builderCase is one valid configuration of a builder and what its component must look like.
type builderCase struct {
	name  string
	build func() (Component, error)
	// want are args that must be present verbatim.
	want []string
	// absent are flag names (e.g. "--kube-api-qps") that must not appear at all.
	absent []string
	// first, if set, must be Args[0].
	first string
	// wantName, health, insecure, dependsOn and ports describe the rest of the component.
	wantName  string
	health    string
	insecure  bool
	dependsOn []string
	ports     []Port
	binary    string
}

func checkComponent(t *testing.T, tc builderCase) {
	t.Helper()
	c, err := tc.build()
	if err != nil {
		t.Fatalf("build: unexpected error: %v", err)
	}
	if c.Name != tc.wantName {
		t.Errorf("Name = %q, want %q", c.Name, tc.wantName)
	}
	if tc.binary != "" && c.Binary != tc.binary {
		t.Errorf("Binary = %q, want %q", c.Binary, tc.binary)
	}
	for _, w := range tc.want {
		if !slices.Contains(c.Args, w) {
			t.Errorf("args lack %q; got:\n  %s", w, strings.Join(c.Args, "\n  "))
		}
	}
	for _, a := range tc.absent {
		if v, ok := argValue(c.Args, a); ok {
			t.Errorf("args have %s=%s, want it absent", a, v)
		}
	}
	if tc.first != "" && (len(c.Args) == 0 || c.Args[0] != tc.first) {
		t.Errorf("Args[0] = %q, want %q (args %q)", first(c.Args), tc.first, c.Args)
	}
	for _, a := range c.Args {
		if a == tc.first || a == "--web.enable-lifecycle" { // kingpin booleans take no value
			continue
		}
		if !strings.HasPrefix(a, "--") || !strings.Contains(a, "=") {
			t.Errorf("arg %q is not of the form --flag=value", a)
		}
	}
	if dups := duplicateFlags(c.Args); len(dups) > 0 {
		t.Errorf("flags given more than once: %v", dups)
	}
	if c.Health == nil {
		t.Fatalf("Health is nil")
	}
	if c.Health.URL != tc.health {
		t.Errorf("Health.URL = %q, want %q", c.Health.URL, tc.health)
	}
	if !strings.Contains(c.Health.URL, "://127.0.0.1:") {
		t.Errorf("Health.URL %q is not on 127.0.0.1", c.Health.URL)
	}
	if c.Health.Insecure != tc.insecure {
		t.Errorf("Health.Insecure = %v, want %v", c.Health.Insecure, tc.insecure)
	}
	if !reflect.DeepEqual(c.DependsOn, tc.dependsOn) {
		t.Errorf("DependsOn = %q, want %q", c.DependsOn, tc.dependsOn)
	}
	if !reflect.DeepEqual(c.Ports, tc.ports) {
		t.Errorf("Ports = %+v, want %+v", c.Ports, tc.ports)
	}
	for _, d := range c.DependsOn {
		if !slices.Contains(Order, d) {
			t.Errorf("DependsOn names unknown component %q", d)
		}
		if indexOf(Order, d) >= indexOf(Order, c.Name) {
			t.Errorf("%s depends on %s, which does not start before it", c.Name, d)
		}
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return len(list)
}

// argValue returns the value of --name=value in args.
func argValue(args []string, name string) (string, bool) {
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v, true
		}
	}
	return "", false
}

func duplicateFlags(args []string) []string {
	seen := map[string]bool{}
	var dups []string
	for _, a := range args {
		name, _, ok := strings.Cut(a, "=")
		if !ok {
			continue
		}
		if seen[name] {
			dups = append(dups, name)
		}
		seen[name] = true
	}
	return dups
}

func TestBuildEtcd(t *testing.T) {
	base := EtcdConfig{
		Binary: "/bin/etcd", DataDir: "/work/etcd-data",
		BindAddress: "127.0.0.1", AdvertiseHost: "127.0.0.1",
		ClientPort: 2379, PeerPort: 2380,
	}
	ports := []Port{{Name: "client", Port: 2379, HostPort: 2379}, {Name: "peer", Port: 2380, HostPort: 2380}}
	common := []string{
		"--name=etcd0",
		"--data-dir=/work/etcd-data",
		"--listen-client-urls=http://127.0.0.1:2379",
		"--advertise-client-urls=http://127.0.0.1:2379",
		"--listen-peer-urls=http://127.0.0.1:2380",
		"--initial-advertise-peer-urls=http://127.0.0.1:2380",
		"--initial-cluster=etcd0=http://127.0.0.1:2380",
		"--initial-cluster-state=new",
	}
	tests := []builderCase{
		{
			name:   "defaults",
			build:  func() (Component, error) { return BuildEtcd(base) },
			want:   common,
			absent: []string{"--quota-backend-bytes", "--unsafe-no-fsync"},
		},
		{
			name: "quota and no fsync",
			build: func() (Component, error) {
				c := base
				c.QuotaBackendBytes = 8 << 30
				c.UnsafeNoFsync = true
				return BuildEtcd(c)
			},
			want: append(slices.Clone(common), "--quota-backend-bytes=8589934592", "--unsafe-no-fsync=true"),
		},
		{
			name: "bind on all interfaces, advertise a container name",
			build: func() (Component, error) {
				c := base
				c.BindAddress = "0.0.0.0"
				c.AdvertiseHost = "etcd"
				return BuildEtcd(c)
			},
			want: []string{
				"--listen-client-urls=http://0.0.0.0:2379",
				"--listen-peer-urls=http://0.0.0.0:2380",
				"--advertise-client-urls=http://etcd:2379",
				"--initial-advertise-peer-urls=http://etcd:2380",
				"--initial-cluster=etcd0=http://etcd:2380",
			},
		},
	}
	for _, tc := range tests {
		tc.wantName = Etcd
		tc.binary = "/bin/etcd"
		tc.health = "http://127.0.0.1:2379/health"
		tc.ports = ports
		t.Run(tc.name, func(t *testing.T) { checkComponent(t, tc) })
	}

	t.Run("data dir is mounted read-write", func(t *testing.T) {
		c, err := BuildEtcd(base)
		if err != nil {
			t.Fatal(err)
		}
		want := []Mount{{HostPath: "/work/etcd-data", Path: "/work/etcd-data"}}
		if !reflect.DeepEqual(c.Mounts, want) {
			t.Errorf("Mounts = %+v, want %+v", c.Mounts, want)
		}
	})
}

func TestBuildEtcdInvalid(t *testing.T) {
	valid := EtcdConfig{DataDir: "/d", BindAddress: "127.0.0.1", AdvertiseHost: "127.0.0.1", ClientPort: 1, PeerPort: 2}
	tests := map[string]func(*EtcdConfig){
		"no client port": func(c *EtcdConfig) { c.ClientPort = 0 },
		"no peer port":   func(c *EtcdConfig) { c.PeerPort = 0 },
		"no data dir":    func(c *EtcdConfig) { c.DataDir = "" },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			c := valid
			mutate(&c)
			if _, err := BuildEtcd(c); err == nil {
				t.Fatalf("BuildEtcd(%+v) = nil error, want one", c)
			}
		})
	}
}

func TestBuildKubeAPIServer(t *testing.T) {
	base := KubeAPIServerConfig{
		Binary: "/bin/kube-apiserver", BindAddress: "127.0.0.1", Port: 6443,
		EtcdURL: "http://127.0.0.1:2379", PKIDir: "/work/pki", ServiceCIDR: "10.96.0.0/12",
	}
	common := []string{
		"--bind-address=127.0.0.1",
		"--secure-port=6443",
		"--etcd-servers=http://127.0.0.1:2379",
		"--authorization-mode=RBAC",
		"--tls-cert-file=/work/pki/apiserver.crt",
		"--tls-private-key-file=/work/pki/apiserver.key",
		"--client-ca-file=/work/pki/ca.crt",
		"--service-account-key-file=/work/pki/sa.pub",
		"--service-account-signing-key-file=/work/pki/sa.key",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-cluster-ip-range=10.96.0.0/12",
		"--disable-admission-plugins=TaintNodesByCondition",
		"--feature-gates=DetectCacheInconsistency=false",
	}
	tests := []builderCase{
		{
			name:   "defaults",
			build:  func() (Component, error) { return BuildKubeAPIServer(base) },
			want:   common,
			absent: []string{"--max-requests-inflight", "--max-mutating-requests-inflight"},
		},
		{
			name: "inflight limits and extra args",
			build: func() (Component, error) {
				c := base
				c.MaxRequestsInflight = 1000
				c.MaxMutatingRequestsInflight = 500
				c.ExtraArgs = map[string]string{"--v": "4", "audit-log-path": "-"}
				return BuildKubeAPIServer(c)
			},
			want: append(slices.Clone(common),
				"--max-requests-inflight=1000", "--max-mutating-requests-inflight=500",
				"--v=4", "--audit-log-path=-"),
		},
	}
	for _, tc := range tests {
		tc.wantName = KubeAPIServer
		tc.binary = "/bin/kube-apiserver"
		tc.health = "https://127.0.0.1:6443/readyz"
		tc.insecure = true
		tc.dependsOn = []string{Etcd}
		tc.ports = []Port{{Name: "https", Port: 6443, HostPort: 6443}}
		t.Run(tc.name, func(t *testing.T) { checkComponent(t, tc) })
	}

	t.Run("pki dir is mounted read-only", func(t *testing.T) {
		c, err := BuildKubeAPIServer(base)
		if err != nil {
			t.Fatal(err)
		}
		want := []Mount{{HostPath: "/work/pki", Path: "/work/pki", ReadOnly: true}}
		if !reflect.DeepEqual(c.Mounts, want) {
			t.Errorf("Mounts = %+v, want %+v", c.Mounts, want)
		}
	})

	t.Run("collects at GOGC=200", func(t *testing.T) {
		c, err := BuildKubeAPIServer(base)
		if err != nil {
			t.Fatal(err)
		}
		want := []EnvVar{{Name: "GOGC", Value: "200"}}
		if !reflect.DeepEqual(c.Env, want) {
			t.Errorf("Env = %+v, want %+v", c.Env, want)
		}
		if got := (Extras{Env: map[string][]string{KubeAPIServer: {"GOGC=100"}}}).Apply(c).Env; !reflect.DeepEqual(got, []EnvVar{{Name: "GOGC", Value: "100"}}) {
			t.Errorf("--extra-env kube-apiserver:GOGC=100 gives Env %+v", got)
		}
	})

	t.Run("extra args are sorted and come last", func(t *testing.T) {
		c := base
		c.ExtraArgs = map[string]string{"zz": "1", "aa": "2", "mm": "3", "--v": "4"}
		comp, err := BuildKubeAPIServer(c)
		if err != nil {
			t.Fatal(err)
		}
		tail := comp.Args[len(comp.Args)-4:]
		// Keys sort as given, so a key written with leading dashes sorts first.
		want := []string{"--v=4", "--aa=2", "--mm=3", "--zz=1"}
		if !reflect.DeepEqual(tail, want) {
			t.Errorf("last args = %q, want %q", tail, want)
		}
		for i := 0; i < 20; i++ {
			again, err := BuildKubeAPIServer(c)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(again.Args, comp.Args) {
				t.Fatalf("args differ between two builds:\n%q\n%q", comp.Args, again.Args)
			}
		}
	})
}

func TestBuildKubeAPIServerInvalid(t *testing.T) {
	valid := KubeAPIServerConfig{Port: 6443, EtcdURL: "http://127.0.0.1:2379", PKIDir: "/pki"}
	tests := map[string]func(*KubeAPIServerConfig){
		"no port":     func(c *KubeAPIServerConfig) { c.Port = 0 },
		"no etcd URL": func(c *KubeAPIServerConfig) { c.EtcdURL = "" },
		"no pki dir":  func(c *KubeAPIServerConfig) { c.PKIDir = "" },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			c := valid
			mutate(&c)
			if _, err := BuildKubeAPIServer(c); err == nil {
				t.Fatalf("BuildKubeAPIServer(%+v) = nil error, want one", c)
			}
		})
	}
}

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
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			c := valid
			mutate(&c)
			if _, err := BuildKubeScheduler(c); err == nil {
				t.Fatalf("BuildKubeScheduler(%+v) = nil error, want one", c)
			}
		})
	}
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

func TestBuildKubeControllerManager(t *testing.T) {
	base := KubeControllerManagerConfig{
		Binary: "/bin/kcm", BindAddress: "127.0.0.1", Port: 10257,
		Kubeconfig: "/work/kubeconfigs/kcm.kubeconfig", PKIDir: "/work/pki",
	}
	common := []string{
		"--kubeconfig=/work/kubeconfigs/kcm.kubeconfig",
		"--authentication-kubeconfig=/work/kubeconfigs/kcm.kubeconfig",
		"--authorization-kubeconfig=/work/kubeconfigs/kcm.kubeconfig",
		"--bind-address=127.0.0.1",
		"--secure-port=10257",
		"--root-ca-file=/work/pki/ca.crt",
		"--service-account-private-key-file=/work/pki/sa.key",
		"--cluster-signing-cert-file=/work/pki/ca.crt",
		"--cluster-signing-key-file=/work/pki/ca.key",
		"--use-service-account-credentials=true",
		"--controllers=*,-ttl",
	}
	tuning := []string{"--kube-api-qps", "--kube-api-burst", "--node-monitor-grace-period"}
	tests := []builderCase{
		{
			name:   "defaults",
			build:  func() (Component, error) { return BuildKubeControllerManager(base) },
			want:   append(slices.Clone(common), "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics"),
			absent: tuning,
		},
		{
			name: "qps, burst and grace period",
			build: func() (Component, error) {
				c := base
				c.QPS, c.Burst, c.NodeMonitorGracePeriod = 5000, 10000, 40*time.Second
				return BuildKubeControllerManager(c)
			},
			want: append(slices.Clone(common),
				"--kube-api-qps=5000", "--kube-api-burst=10000", "--node-monitor-grace-period=40s"),
		},
		{
			name: "fractional qps, only burst unset",
			build: func() (Component, error) {
				c := base
				c.QPS, c.NodeMonitorGracePeriod = 12.5, 90*time.Second
				return BuildKubeControllerManager(c)
			},
			want:   []string{"--kube-api-qps=12.5", "--node-monitor-grace-period=1m30s"},
			absent: []string{"--kube-api-burst"},
		},
		{
			name: "debug",
			build: func() (Component, error) {
				c := base
				c.Debug = true
				return BuildKubeControllerManager(c)
			},
			want: []string{"--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics,/debug/*"},
		},
	}
	for _, tc := range tests {
		tc.wantName = KubeControllerManager
		tc.binary = "/bin/kcm"
		tc.health = "https://127.0.0.1:10257/healthz"
		tc.insecure = true
		tc.dependsOn = []string{KubeAPIServer}
		tc.ports = []Port{{Name: "https", Port: 10257, HostPort: 10257}}
		t.Run(tc.name, func(t *testing.T) { checkComponent(t, tc) })
	}
}

func TestBuildKubeControllerManagerInvalid(t *testing.T) {
	valid := KubeControllerManagerConfig{Port: 10257, Kubeconfig: "/k", PKIDir: "/pki"}
	tests := map[string]func(*KubeControllerManagerConfig){
		"no port":       func(c *KubeControllerManagerConfig) { c.Port = 0 },
		"no kubeconfig": func(c *KubeControllerManagerConfig) { c.Kubeconfig = "" },
		"no pki dir":    func(c *KubeControllerManagerConfig) { c.PKIDir = "" },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			c := valid
			mutate(&c)
			if _, err := BuildKubeControllerManager(c); err == nil {
				t.Fatalf("BuildKubeControllerManager(%+v) = nil error, want one", c)
			}
		})
	}
}

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
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			c := valid
			mutate(&c)
			if _, err := BuildPrometheus(c); err == nil {
				t.Fatalf("BuildPrometheus(%+v) = nil error, want one", c)
			}
		})
	}
}

func TestBuildSimulator(t *testing.T) {
	base := SimulatorConfig{
		Binary: "/usr/local/bin/kmctl", BindAddress: "127.0.0.1", Port: 8080,
		Kubeconfig: "/work/kubeconfigs/kmctl-simulator.kubeconfig",
	}
	common := []string{
		"--kubeconfig=/work/kubeconfigs/kmctl-simulator.kubeconfig",
		"--metrics-address=127.0.0.1:8080",
	}
	tests := []builderCase{
		{
			name:   "defaults",
			build:  func() (Component, error) { return BuildSimulator(base) },
			want:   common,
			absent: []string{"--node-lease-duration"},
		},
		{
			name: "lease duration and extra args",
			build: func() (Component, error) {
				c := base
				c.NodeLeaseDuration = "40s"
				c.ExtraArgs = map[string]string{"nodes": "100"}
				return BuildSimulator(c)
			},
			want: append(slices.Clone(common), "--node-lease-duration=40s", "--nodes=100"),
		},
	}
	for _, tc := range tests {
		tc.wantName = Simulator
		tc.binary = "/usr/local/bin/kmctl"
		tc.first = "simulate"
		tc.health = "http://127.0.0.1:8080/healthz"
		tc.dependsOn = []string{KubeAPIServer}
		tc.ports = []Port{{Name: "metrics", Port: 8080, HostPort: 8080}}
		t.Run(tc.name, func(t *testing.T) { checkComponent(t, tc) })
	}
}

func TestBuildSimulatorInvalid(t *testing.T) {
	valid := SimulatorConfig{Port: 8080, Kubeconfig: "/k"}
	tests := map[string]func(*SimulatorConfig){
		"no port":       func(c *SimulatorConfig) { c.Port = 0 },
		"no kubeconfig": func(c *SimulatorConfig) { c.Kubeconfig = "" },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			c := valid
			mutate(&c)
			if _, err := BuildSimulator(c); err == nil {
				t.Fatalf("BuildSimulator(%+v) = nil error, want one", c)
			}
		})
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
