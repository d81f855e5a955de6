package components

import (
	"fmt"
	"path/filepath"
	"time"
)

// KubeControllerManagerConfig holds what the kube-controller-manager builder needs.
type KubeControllerManagerConfig struct {
	Binary      string
	Image       string
	BindAddress string
	Port        int
	Kubeconfig  string
	PKIDir      string
	// QPS and Burst are the controller-manager's client rate limits (0 keeps the defaults).
	QPS   float32
	Burst int
	// NodeMonitorGracePeriod is how long a node may go without a heartbeat
	// before it is marked NotReady; the simulator renews leases well within it.
	NodeMonitorGracePeriod time.Duration
	// NodeMonitorPeriod is how often the node lifecycle controller checks
	// every node; 0 keeps the default (5s).
	NodeMonitorPeriod time.Duration
	// Debug opens /debug/* (pprof) to unauthenticated clients.
	Debug bool
}

// DefaultControllers is every controller except the TTL controller: it only
// writes node.alpha.kubernetes.io/ttl, an annotation read by kubelets (fake
// nodes have none), and it rewrites every node each time the cluster grows
// past 100, 500, 1000 or 2000 nodes (3090 node patches and 2014 node reads
// while 1000 nodes and 10 000 pods start, 8% of the apiserver's CPU). A user
// who wants it back passes --extra-args kube-controller-manager:controllers=*.
const DefaultControllers = "*,-ttl"

// BuildKubeControllerManager describes a kube-controller-manager running DefaultControllers.
func BuildKubeControllerManager(c KubeControllerManagerConfig) (Component, error) {
	if c.Port == 0 || c.Kubeconfig == "" || c.PKIDir == "" {
		return Component{}, fmt.Errorf("kube-controller-manager needs a port, a kubeconfig and a pki dir")
	}
	pki := func(name string) string { return filepath.Join(c.PKIDir, name) }
	args := []string{
		flag("kubeconfig", c.Kubeconfig),
		flag("authentication-kubeconfig", c.Kubeconfig),
		flag("authorization-kubeconfig", c.Kubeconfig),
		flag("authorization-always-allow-paths", allowPaths(c.Debug)),
		flag("bind-address", c.BindAddress),
		flag("secure-port", c.Port),
		flag("leader-elect", false),
		flag("root-ca-file", pki("ca.crt")),
		flag("service-account-private-key-file", pki("sa.key")),
		flag("cluster-signing-cert-file", pki("ca.crt")),
		flag("cluster-signing-key-file", pki("ca.key")),
		flag("use-service-account-credentials", true),
		flag("controllers", DefaultControllers),
	}
	if c.QPS > 0 {
		args = append(args, flag("kube-api-qps", c.QPS))
	}
	if c.Burst > 0 {
		args = append(args, flag("kube-api-burst", c.Burst))
	}
	if c.NodeMonitorGracePeriod > 0 {
		args = append(args, flag("node-monitor-grace-period", c.NodeMonitorGracePeriod))
	}
	if c.NodeMonitorPeriod > 0 {
		args = append(args, flag("node-monitor-period", c.NodeMonitorPeriod))
	}
	return Component{
		Name:        KubeControllerManager,
		Binary:      c.Binary,
		Image:       c.Image,
		ImageBinary: ImageBinaries[KubeControllerManager],
		Args:        args,
		Ports:       []Port{{Name: "https", Port: c.Port, HostPort: c.Port}},
		Mounts:      []Mount{{HostPath: c.PKIDir, Path: c.PKIDir, ReadOnly: true}},
		Health:      &Health{URL: localURL("https", "127.0.0.1", c.Port, "/healthz"), Insecure: true},
		DependsOn:   []string{KubeAPIServer},
	}, nil
}
