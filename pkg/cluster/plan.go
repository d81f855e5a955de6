package cluster

import (
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/artifacts"
)

// binaries maps a component name to its executable.
type binaries map[string]string

// buildComponents describes every enabled component of the cluster.
func buildComponents(cfg *Config, l layout, bins binaries) ([]components.Component, error) {
	v := viewFor(cfg)
	bind := v.bind
	builders := []func() (components.Component, error){
		func() (components.Component, error) {
			return components.BuildEtcd(components.EtcdConfig{
				Binary: bins[components.Etcd], Image: imageFor(cfg, components.Etcd), DataDir: l.etcdData(),
				BindAddress: bind, AdvertiseHost: v.peer(components.Etcd),
				ClientPort: cfg.Ports.Etcd, PeerPort: cfg.Ports.EtcdPeer,
				QuotaBackendBytes: 8 << 30, UnsafeNoFsync: cfg.Etcd.UnsafeNoFsync,
			})
		},
		func() (components.Component, error) {
			return components.BuildKubeAPIServer(components.KubeAPIServerConfig{
				Binary: bins[components.KubeAPIServer], Image: imageFor(cfg, components.KubeAPIServer), BindAddress: bind, Port: cfg.Ports.APIServer,
				EtcdURL: v.peerURL("http", components.Etcd, cfg.Ports.Etcd), PKIDir: l.pki(),
				ServiceCIDR: "10.96.0.0/12", MaxRequestsInflight: 1000, MaxMutatingRequestsInflight: 500,
				KubeMinor: artifacts.KubeMinor(cfg.KubeVersion),
			})
		},
		func() (components.Component, error) {
			return components.BuildKubeControllerManager(components.KubeControllerManagerConfig{
				Binary: bins[components.KubeControllerManager], Image: imageFor(cfg, components.KubeControllerManager), BindAddress: bind, Port: cfg.Ports.ControllerManager,
				Kubeconfig: l.kubeconfig(components.KubeControllerManager), PKIDir: l.pki(),
				QPS: cfg.ControllerManager.QPS, Burst: cfg.ControllerManager.Burst,
				NodeMonitorGracePeriod: cfg.NodeMonitorGracePeriod, NodeMonitorPeriod: nodeMonitorPeriod(cfg.NodeMonitorGracePeriod),
				Debug: cfg.ControllerManager.Debug,
			})
		},
		func() (components.Component, error) {
			return components.BuildKubeScheduler(components.KubeSchedulerConfig{
				Binary: bins[components.KubeScheduler], Image: imageFor(cfg, components.KubeScheduler), BindAddress: bind, Port: cfg.Ports.Scheduler,
				ConfigFile: l.schedulerConfig(), Kubeconfig: l.kubeconfig(components.KubeScheduler),
				Debug: cfg.Scheduler.Debug,
			})
		},
	}
	if cfg.Enabled(components.Simulator) {
		builders = append(builders, func() (components.Component, error) {
			return components.BuildSimulator(components.SimulatorConfig{
				Binary: bins[components.Simulator], Image: imageFor(cfg, components.Simulator), BindAddress: bind, Port: cfg.Ports.Simulator,
				Kubeconfig:             l.kubeconfig(components.Simulator),
				NodeLeaseDuration:      cfg.NodeMonitorGracePeriod.String(),
				NodeLeaseRenewFraction: LeaseRenewFraction(cfg.NodeMonitorGracePeriod),
				LifecycleFile:          lifecycleFile(cfg, l),
			})
		})
	}
	if cfg.Enabled(components.Prometheus) {
		builders = append(builders, func() (components.Component, error) {
			return components.BuildPrometheus(components.PrometheusConfig{
				Binary: bins[components.Prometheus], Image: imageFor(cfg, components.Prometheus), BindAddress: bind, Port: cfg.Ports.Prometheus,
				ConfigFile: l.prometheusConfig(), DataDir: l.prometheusData(), Retention: "7d",
			})
		})
	}
	list := make([]components.Component, 0, len(builders))
	for _, build := range builders {
		c, err := build()
		if err != nil {
			return nil, err
		}
		list = append(list, cfg.Extras.Apply(c))
	}
	return list, nil
}

// nodeMonitorPeriod checks nodes 20 times per grace period, at least every 5s
// (the default): checking 5000 nodes every 5s against a 10-minute grace
// period would only burn CPU.
func nodeMonitorPeriod(grace time.Duration) time.Duration {
	return max(5*time.Second, grace/20)
}

// lifecycleFile is the simulator's copy of --simulator-lifecycle, if given.
func lifecycleFile(cfg *Config, l layout) string {
	if cfg.Simulator.LifecycleFile == "" {
		return ""
	}
	return l.lifecycle()
}
