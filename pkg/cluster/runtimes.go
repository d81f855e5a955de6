package cluster

import (
	"context"
	"fmt"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
	"github.com/kmctl/kmctl/pkg/runtime/binary"
	"github.com/kmctl/kmctl/pkg/runtime/docker"
)

// Runtimes kmctl knows.
var Runtimes = []string{docker.Name, binary.Name}

// newRuntime returns the runtime a cluster was created with.
func (m *Manager) newRuntime(cfg *Config, dir string) (runtime.Runtime, error) {
	switch cfg.Runtime {
	case binary.Name, "":
		return binary.New(dir), nil
	case docker.Name:
		rt, err := docker.New(cfg.Name, dir)
		if err == nil {
			rt.Out = m.Log.Writer()
		}
		return rt, err
	default:
		return nil, fmt.Errorf("unknown runtime %q; use --runtime %s or --runtime %s", cfg.Runtime, docker.Name, binary.Name)
	}
}

// chooseRuntime settles an empty --runtime on docker when a daemon answers,
// else binary, and checks that an explicit docker can work.
func (m *Manager) chooseRuntime(ctx context.Context, cfg *Config, dryRun bool) error {
	switch cfg.Runtime {
	case "":
		if err := dockerAvailable(ctx); err != nil {
			m.Log.Infof("No Docker daemon answers (%v); using the binary runtime (local processes).", err)
			cfg.Runtime = binary.Name
			return nil
		}
		m.Log.Infof("A Docker daemon answers; using the docker runtime (--runtime binary runs local processes instead).")
		cfg.Runtime = docker.Name
	case docker.Name:
		if dryRun {
			return nil
		}
		if err := dockerAvailable(ctx); err != nil {
			return fmt.Errorf("--runtime docker: %v; start the Docker daemon or use --runtime binary", err)
		}
	case binary.Name:
		return nil
	default:
		_, err := m.newRuntime(cfg, "")
		return err
	}
	if cfg.Enabled(components.Simulator) {
		if err := docker.IsStatic(m.Self); err != nil {
			return fmt.Errorf("the simulator container runs kmctl itself: %w", err)
		}
	}
	return nil
}

func dockerAvailable(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return docker.Available(ctx)
}

// removeLeftovers deletes containers and networks of a cluster whose work dir is gone.
func removeLeftovers(ctx context.Context, name string) (bool, error) {
	if dockerAvailable(ctx) != nil {
		return false, nil
	}
	names, err := docker.Clusters(ctx)
	if err != nil {
		return false, err
	}
	for _, n := range names {
		if n == name {
			return true, docker.RemoveCluster(ctx, name, false)
		}
	}
	return false, nil
}

// pruneImages removes the cluster's containers with the images kmctl built for them.
func pruneImages(ctx context.Context, name string) error {
	if dockerAvailable(ctx) != nil {
		return nil
	}
	return docker.RemoveCluster(ctx, name, true)
}
