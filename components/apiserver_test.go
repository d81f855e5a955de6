package components

import (
	"reflect"
	"slices"
	"testing"
)

func TestBuildKubeAPIServer(t *testing.T) {
	base := KubeAPIServerConfig{
		Binary: "/bin/kube-apiserver", BindAddress: "127.0.0.1", Port: 6443,
		EtcdURL: "http://127.0.0.1:2379", PKIDir: "/work/pki", ServiceCIDR: "10.96.0.0/12", KubeMinor: 34,
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
			name: "1.33 knows no DetectCacheInconsistency gate",
			build: func() (Component, error) {
				c := base
				c.KubeMinor = 33
				return BuildKubeAPIServer(c)
			},
			want:   common[:len(common)-1],
			absent: []string{"--feature-gates"},
		},
		{
			name: "inflight limits",
			build: func() (Component, error) {
				c := base
				c.MaxRequestsInflight = 1000
				c.MaxMutatingRequestsInflight = 500
				return BuildKubeAPIServer(c)
			},
			want: append(slices.Clone(common),
				"--max-requests-inflight=1000", "--max-mutating-requests-inflight=500"),
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

}

func TestBuildKubeAPIServerInvalid(t *testing.T) {
	valid := KubeAPIServerConfig{Port: 6443, EtcdURL: "http://127.0.0.1:2379", PKIDir: "/pki"}
	tests := map[string]func(*KubeAPIServerConfig){
		"no port":     func(c *KubeAPIServerConfig) { c.Port = 0 },
		"no etcd URL": func(c *KubeAPIServerConfig) { c.EtcdURL = "" },
		"no pki dir":  func(c *KubeAPIServerConfig) { c.PKIDir = "" },
	}
	checkInvalid(t, BuildKubeAPIServer, valid, tests)
}
