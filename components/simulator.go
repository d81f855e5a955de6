package components

import "fmt"

// SimulatorConfig holds what the simulator builder needs.
type SimulatorConfig struct {
	// Binary is the kmctl executable; the simulator is its "simulate" subcommand.
	Binary      string
	Image       string
	BindAddress string
	// Port serves /metrics and /healthz.
	Port       int
	Kubeconfig string
	// NodeLeaseDuration must stay well inside the controller-manager's node
	// monitor grace period so nodes never flap.
	NodeLeaseDuration string
	// NodeLeaseRenewFraction is the part of the lease duration between renewals.
	NodeLeaseRenewFraction float64
	// LifecycleFile, if set, scripts the lives of populations of pods.
	LifecycleFile string
}

// BuildSimulator describes kmctl's fake-kubelet controller.
func BuildSimulator(c SimulatorConfig) (Component, error) {
	if c.Port == 0 || c.Kubeconfig == "" {
		return Component{}, fmt.Errorf("the simulator needs a port and a kubeconfig")
	}
	args := []string{
		"simulate",
		flag("kubeconfig", c.Kubeconfig),
		flag("metrics-address", fmt.Sprintf("%s:%d", c.BindAddress, c.Port)),
	}
	if c.NodeLeaseDuration != "" {
		args = append(args, flag("node-lease-duration", c.NodeLeaseDuration))
	}
	if c.NodeLeaseRenewFraction > 0 {
		args = append(args, flag("node-lease-renew-fraction", c.NodeLeaseRenewFraction))
	}
	if c.LifecycleFile != "" {
		args = append(args, flag("lifecycle", c.LifecycleFile))
	}
	return Component{
		Name:        Simulator,
		Binary:      c.Binary,
		Image:       c.Image,
		ImageBinary: ImageBinaries[Simulator],
		Args:        args,
		Ports:       []Port{{Name: "metrics", Port: c.Port, HostPort: c.Port}},
		Health:      &Health{URL: localURL("http", "127.0.0.1", c.Port, "/healthz")},
		DependsOn:   []string{KubeAPIServer},
	}, nil
}
