package cluster

import (
	"context"
	"fmt"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/artifacts"
	"github.com/kmctl/kmctl/pkg/runtime/docker"
)

// BuildImages makes every component's image usable for the docker runtime
// ahead of time: the upstream image if present or pullable, else one built
// from the (cached or source-built) binary; the simulator's from kmctl itself.
// It checks every version before it pulls or builds anything.
func (m *Manager) BuildImages(ctx context.Context, v artifacts.Versions) error {
	cfg, err := m.imagesConfig(v)
	if err != nil {
		return err
	}
	if err := dockerAvailable(ctx); err != nil {
		return fmt.Errorf("building images needs a Docker daemon: %w", err)
	}
	for _, name := range []string{components.Etcd, components.KubeAPIServer, components.KubeControllerManager, components.KubeScheduler, components.Prometheus, components.Simulator} {
		bin := m.Self
		if name != components.Simulator {
			var err error
			if bin, err = m.Resolver.Resolve(ctx, artifacts.Request{Name: name, Version: versionFor(cfg, name)}); err != nil {
				return err
			}
		} else if err := docker.IsStatic(bin); err != nil {
			return err
		}
		ref, built, err := docker.EnsureImage(ctx, defaultImage(cfg, name), bin, components.ImageBinaries[name], m.Log.Writer())
		if err != nil {
			return err
		}
		if !built {
			m.Log.Infof("%s: %s is ready", name, ref)
		}
	}
	return nil
}

// imagesConfig is the config whose default images BuildImages makes ready:
// the versions of v, normalized and checked as create does (1.34.4 ->
// v1.34.4), so the image tags are the ones a cluster will look for.
func (m *Manager) imagesConfig(v artifacts.Versions) (*Config, error) {
	v, err := m.Resolver.CheckVersions(v)
	if err != nil {
		return nil, err
	}
	return &Config{KubeVersion: v.Kube, EtcdVersion: v.Etcd, PrometheusVersion: v.Prometheus}, nil
}
