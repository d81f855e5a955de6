package cluster

import (
	"strings"

	"github.com/kmctl/kmctl/components"
)

// defaultImage is the upstream image of a component for the cluster's
// versions. The simulator has none: the docker runtime builds it from kmctl.
func defaultImage(cfg *Config, component string) string {
	switch component {
	case components.Etcd:
		return "registry.k8s.io/etcd:" + strings.TrimPrefix(cfg.EtcdVersion, "v") + "-0"
	case components.KubeAPIServer, components.KubeControllerManager, components.KubeScheduler:
		return "registry.k8s.io/" + component + ":" + cfg.KubeVersion
	case components.Prometheus:
		return "prom/prometheus:" + cfg.PrometheusVersion
	}
	return ""
}

// imageFor is the --<component>-image flag's value, else the default.
func imageFor(cfg *Config, component string) string {
	if img := cfg.Images[component]; img != "" {
		return img
	}
	return defaultImage(cfg, component)
}
