package cluster

import (
	"fmt"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/artifacts"
)

// The scheduler's and controller-manager's client limits by default: high
// enough that the apiserver, not a client-side rate limiter, is the limit.
const (
	DefaultClientQPS   = 5000
	DefaultClientBurst = 10000
)

// DefaultConfig is `kmctl create cluster --name name` with no other flag.
func DefaultConfig(name string) Config {
	return Config{
		Name:                   name,
		KubeVersion:            artifacts.DefaultKubeVersion,
		PrometheusVersion:      artifacts.DefaultPrometheusVersion,
		Binaries:               map[string]string{},
		NodeMonitorGracePeriod: DefaultNodeMonitorGracePeriod,
		Scheduler:              SchedulerOptions{QPS: DefaultClientQPS, Burst: DefaultClientBurst},
		ControllerManager:      ControllerOptions{QPS: DefaultClientQPS, Burst: DefaultClientBurst},
	}
}

// Validate checks the settings create cannot run with, naming the flag that
// sets each, and gives each release version its "v" (1.34.4 -> v1.34.4), so
// the saved config, the image tags and the binary cache agree.
func (c *Config) Validate() error {
	for _, d := range c.Disable {
		if d != components.Prometheus && d != components.Simulator {
			return fmt.Errorf("--disable %q: only %s and %s can be left out", d, components.Prometheus, components.Simulator)
		}
	}
	if c.NodeMonitorGracePeriod < 10*time.Second {
		return fmt.Errorf("--node-monitor-grace-period must be at least 10s, got %s", c.NodeMonitorGracePeriod)
	}
	if err := c.validateScheduler(); err != nil {
		return err
	}
	if err := c.validateClientLimits(); err != nil {
		return err
	}
	return c.normalizeVersions()
}

func (c *Config) validateScheduler() error {
	if p := c.Scheduler.PercentageOfNodesToScore; p != nil && (*p < 0 || *p > 100) {
		return fmt.Errorf("--kube-scheduler-percentage-of-nodes-to-score must be 0-100, got %d", *p)
	}
	if p := c.Scheduler.Parallelism; p != nil && *p < 1 {
		return fmt.Errorf("--kube-scheduler-parallelism must be at least 1, got %d", *p)
	}
	return nil
}

// validateClientLimits refuses negative client rate limits, which the
// components would otherwise drop in favour of their defaults.
func (c *Config) validateClientLimits() error {
	limits := []struct {
		flag  string
		value float64
	}{
		{"--kube-scheduler-qps", float64(c.Scheduler.QPS)},
		{"--kube-scheduler-burst", float64(c.Scheduler.Burst)},
		{"--kube-controller-manager-qps", float64(c.ControllerManager.QPS)},
		{"--kube-controller-manager-burst", float64(c.ControllerManager.Burst)},
	}
	for _, l := range limits {
		if l.value < 0 {
			return fmt.Errorf("%s must be 0 (the component's default) or more, got %g", l.flag, l.value)
		}
	}
	return nil
}

func (c *Config) normalizeVersions() error {
	if c.EtcdVersion == "" {
		c.EtcdVersion = artifacts.EtcdFor(c.KubeVersion)
	}
	versions := []struct {
		binary  string
		version *string
	}{
		{components.KubeAPIServer, &c.KubeVersion},
		{components.Etcd, &c.EtcdVersion},
		{components.Prometheus, &c.PrometheusVersion},
	}
	for _, v := range versions {
		normalized, err := artifacts.NormalizeVersion(v.binary, *v.version)
		if err != nil {
			return err
		}
		*v.version = normalized
	}
	return nil
}
