package components

import (
	"slices"
	"testing"
	"time"
)

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
	checkInvalid(t, BuildKubeControllerManager, valid, tests)
}
