package components

import (
	"fmt"
	"path/filepath"
)

// KubeAPIServerConfig holds what the kube-apiserver builder needs.
type KubeAPIServerConfig struct {
	Binary      string
	Image       string
	BindAddress string
	Port        int
	EtcdURL     string // e.g. http://127.0.0.1:2379
	// PKIDir holds ca.crt, apiserver.crt/key and sa.key/pub.
	PKIDir string
	// ServiceCIDR is the service cluster IP range.
	ServiceCIDR string
	// MaxRequestsInflight and MaxMutatingRequestsInflight raise the apiserver's
	// concurrency limits (0 keeps the defaults).
	MaxRequestsInflight         int
	MaxMutatingRequestsInflight int
	// KubeMinor is the release's minor version (34 for v1.34.4): flags
	// that exist only from some release on are passed only to those.
	KubeMinor int
}

// DisabledAdmissionPlugins are default admission plugins kmctl turns off.
// TaintNodesByCondition taints every new node not-ready, so that the
// controller-manager must read and patch each node again once it is Ready
// (eight workers at a time: with 4000 new nodes on a busy apiserver, nodes
// stayed unschedulable for minutes). Fake nodes are Ready moments after they
// are created, and a pod bound before that still starts.
const DisabledAdmissionPlugins = "TaintNodesByCondition"

// FeatureGates turns off DetectCacheInconsistency (beta, on by default since
// 1.34): every 5 minutes it lists each resource from both the watch cache and
// etcd, at an exact revision, and compares digests. With 100 000 pods that
// read was half of the apiserver's idle CPU (7 of 13 CPU-seconds in a 40 s
// profile) and a burst of load in the middle of every experiment. It checks
// the apiserver's own cache, not anything kmctl's users measure.
const FeatureGates = "DetectCacheInconsistency=false"

// featureGatesSince is the first minor that knows every gate of
// FeatureGates: an apiserver refuses to start with a gate it does not know.
const featureGatesSince = 34

// AuthorizationMode is RBAC alone. The Node authorizer serves kubelets,
// which authenticate as system:node:<name>; fake nodes have none (the
// simulator has its own identity), yet it keeps a graph of every pod, node
// and volume and updates it on every pod event. `--extra-args
// kube-apiserver:authorization-mode=Node,RBAC` restores it.
const AuthorizationMode = "RBAC"

// APIServerGOGC is the apiserver's GOGC: it collects when its heap has
// tripled rather than doubled. The apiserver shares the machine with the
// scheduler under test, and under a burst of pods its collector is what it
// spends most CPU on after serving requests. Measured on 2 cores on
// 2026-12-01: 10 000 pods Running in 58.5-62.8 s instead of 64-81 s (the
// apiserver's CPU 56-61 CPU-seconds instead of 75-83), 100 000 pods on 5000
// nodes in 12.7 instead of 14.2 min, at the price of a peak heap of 7.5 GB
// instead of about 5. `--extra-env kube-apiserver:GOGC=100` restores Go's default.
// GOGC=off under a memory limit, which would skip Go's forced collections at
// idle, made the first burst slower (docs/benchmarks.md, idle cost).
const APIServerGOGC = "200"

// BuildKubeAPIServer describes a kube-apiserver with TLS, RBAC authorization
// and service-account tokens.
func BuildKubeAPIServer(c KubeAPIServerConfig) (Component, error) {
	if c.Port == 0 || c.EtcdURL == "" || c.PKIDir == "" {
		return Component{}, fmt.Errorf("kube-apiserver needs a port, an etcd URL and a pki dir")
	}
	pki := func(name string) string { return filepath.Join(c.PKIDir, name) }
	args := []string{
		flag("bind-address", c.BindAddress),
		flag("secure-port", c.Port),
		flag("etcd-servers", c.EtcdURL),
		flag("etcd-prefix", "/registry"),
		flag("tls-cert-file", pki("apiserver.crt")),
		flag("tls-private-key-file", pki("apiserver.key")),
		flag("client-ca-file", pki("ca.crt")),
		flag("service-account-key-file", pki("sa.pub")),
		flag("service-account-signing-key-file", pki("sa.key")),
		flag("service-account-issuer", "https://kubernetes.default.svc.cluster.local"),
		flag("service-cluster-ip-range", c.ServiceCIDR),
		flag("authorization-mode", AuthorizationMode),
		flag("allow-privileged", true),
		flag("enable-priority-and-fairness", true),
		flag("profiling", true),
		flag("disable-admission-plugins", DisabledAdmissionPlugins),
	}
	if c.KubeMinor >= featureGatesSince {
		args = append(args, flag("feature-gates", FeatureGates))
	}
	if c.MaxRequestsInflight > 0 {
		args = append(args, flag("max-requests-inflight", c.MaxRequestsInflight))
	}
	if c.MaxMutatingRequestsInflight > 0 {
		args = append(args, flag("max-mutating-requests-inflight", c.MaxMutatingRequestsInflight))
	}
	return Component{
		Name:        KubeAPIServer,
		Binary:      c.Binary,
		Image:       c.Image,
		ImageBinary: ImageBinaries[KubeAPIServer],
		Args:        args,
		Ports:       []Port{{Name: "https", Port: c.Port, HostPort: c.Port}},
		Mounts:      []Mount{{HostPath: c.PKIDir, Path: c.PKIDir, ReadOnly: true}},
		Health:      &Health{URL: localURL("https", "127.0.0.1", c.Port, "/readyz"), Insecure: true},
		Env:         []EnvVar{{Name: "GOGC", Value: APIServerGOGC}},
		DependsOn:   []string{Etcd},
	}, nil
}
