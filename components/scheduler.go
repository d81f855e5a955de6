package components

import (
	"fmt"
	"strings"
)

// AlwaysAllowPaths are served by the scheduler and controller-manager without
// authorization, so health checks and Prometheus need no credentials.
var AlwaysAllowPaths = []string{"/healthz", "/readyz", "/livez", "/metrics"}

// DebugPaths is added to AlwaysAllowPaths when profiling is requested.
const DebugPaths = "/debug/*"

// KubeSchedulerConfig holds what the kube-scheduler builder needs.
type KubeSchedulerConfig struct {
	Binary      string
	Image       string
	BindAddress string
	Port        int
	// ConfigFile is the KubeSchedulerConfiguration kmctl wrote; it carries
	// the client kubeconfig, QPS, burst and scoring settings.
	ConfigFile string
	// Kubeconfig is used to delegate authentication and authorization.
	Kubeconfig string
	// Debug opens /debug/* (pprof) to unauthenticated clients.
	Debug bool
}

// BuildKubeScheduler describes a kube-scheduler that reads its settings from ConfigFile.
func BuildKubeScheduler(c KubeSchedulerConfig) (Component, error) {
	if c.Port == 0 || c.ConfigFile == "" || c.Kubeconfig == "" {
		return Component{}, fmt.Errorf("kube-scheduler needs a port, a config file and a kubeconfig")
	}
	args := []string{
		flag("config", c.ConfigFile),
		flag("bind-address", c.BindAddress),
		flag("secure-port", c.Port),
		flag("authentication-kubeconfig", c.Kubeconfig),
		flag("authorization-kubeconfig", c.Kubeconfig),
		flag("authorization-always-allow-paths", allowPaths(c.Debug)),
	}
	return Component{
		Name:        KubeScheduler,
		Binary:      c.Binary,
		Image:       c.Image,
		ImageBinary: ImageBinaries[KubeScheduler],
		Args:        args,
		Ports:       []Port{{Name: "https", Port: c.Port, HostPort: c.Port}},
		Health:      &Health{URL: localURL("https", "127.0.0.1", c.Port, "/healthz"), Insecure: true},
		DependsOn:   []string{KubeAPIServer},
	}, nil
}

func allowPaths(debug bool) string {
	paths := append([]string{}, AlwaysAllowPaths...)
	if debug {
		paths = append(paths, DebugPaths)
	}
	return strings.Join(paths, ",")
}
