package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
	"github.com/kmctl/kmctl/pkg/runtime"
)

// Status is what `get clusters` shows of one cluster.
type Status struct {
	Name    string
	Runtime string
	Version string
	// State is running, stopped, degraded or incomplete.
	State string
	// Down lists the components that are not running when degraded.
	Down []string
}

// String renders the state with the components that are down.
func (s Status) String() string {
	if len(s.Down) > 0 && s.State == "degraded" {
		return fmt.Sprintf("degraded (down: %s)", strings.Join(s.Down, ", "))
	}
	return s.State
}

// Status reports whether each component of the named cluster runs.
func (m *Manager) Status(ctx context.Context, name string) (Status, error) {
	h, err := m.open(name)
	if err != nil && h == nil {
		return Status{}, err
	}
	st := Status{Name: name, Runtime: h.cfg.Runtime, Version: h.cfg.KubeVersion}
	if err != nil || h.rt == nil || len(h.comps) == 0 {
		st.State = "incomplete"
		return st, nil
	}
	up := 0
	for _, c := range h.comps {
		if s, _ := h.rt.State(ctx, c); s == runtime.Running {
			up++
		} else {
			st.Down = append(st.Down, c.Name)
		}
	}
	switch {
	case up == len(h.comps):
		st.State = "running"
	case up == 0:
		st.State = "stopped"
	default:
		st.State = "degraded"
	}
	return st, nil
}

// Stop stops every component, last started first; etcd's data stays.
func (m *Manager) Stop(ctx context.Context, name string) error {
	h, err := m.open(name)
	if err != nil {
		return err
	}
	return stopAll(ctx, h.rt, h.comps, m)
}

func stopAll(ctx context.Context, rt runtime.Runtime, comps []components.Component, m *Manager) error {
	var errs []error
	for i := len(comps) - 1; i >= 0; i-- {
		c := comps[i]
		m.Log.Debugf("stopping %s", c.Name)
		if err := rt.Stop(ctx, c); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Start starts the components of a stopped or degraded cluster in order,
// waiting for each to be healthy.
func (m *Manager) Start(ctx context.Context, name string, wait time.Duration) error {
	h, err := m.open(name)
	if err != nil {
		return err
	}
	if len(h.comps) == 0 {
		return fmt.Errorf("cluster %q was never fully created; delete it with `kmctl delete cluster --name %s` and create it again", name, name)
	}
	if err := startAll(ctx, h.rt, h.comps, wait, m); err != nil {
		return err
	}
	return waitAPI(ctx, h.l.adminKubeconfig(), wait)
}

func startAll(ctx context.Context, rt runtime.Runtime, comps []components.Component, wait time.Duration, m *Manager) error {
	for _, c := range comps {
		m.Log.Infof(" • starting %s", c.Name)
		if err := rt.Start(ctx, c); err != nil {
			return err
		}
		if err := waitHealthy(ctx, rt, c, wait); err != nil {
			return err
		}
	}
	return nil
}

// Delete stops every component, removes the kubeconfig context and the work
// dir. It works on half-created, stopped and degraded clusters.
func (m *Manager) Delete(ctx context.Context, name string, opts ...DeleteOption) error {
	var o deleteOptions
	for _, opt := range opts {
		opt(&o)
	}
	h, err := m.open(name)
	if h == nil {
		if found, lerr := removeLeftovers(ctx, name); found || lerr != nil {
			return lerr
		}
		return err
	}
	if err != nil {
		m.Log.Infof("cluster %q is damaged (%v); deleting what can be found", name, err)
	}
	var errs []error
	if h.rt != nil {
		errs = append(errs, stopAll(ctx, h.rt, h.comps, m))
		if o.pruneImages && h.cfg.Runtime == DockerRuntime {
			errs = append(errs, pruneImages(ctx, name))
		}
		errs = append(errs, h.rt.Remove(ctx, h.comps))
	}
	if h.cfg.Kubeconfig != "" {
		if err := kubeconfig.Remove(h.cfg.Kubeconfig, ContextName(name)); err != nil {
			errs = append(errs, fmt.Errorf("failed to remove context %s from %s: %w", ContextName(name), h.cfg.Kubeconfig, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("failed to delete cluster %q (work dir %s kept): %w", name, h.l.dir, err)
	}
	return os.RemoveAll(h.l.dir)
}

// DeleteOption changes what Delete removes.
type DeleteOption func(*deleteOptions)

type deleteOptions struct{ pruneImages bool }

// WithPrunedImages also removes the images kmctl built that the cluster's
// containers ran (docker runtime), unless another container uses them.
func WithPrunedImages() DeleteOption {
	return func(o *deleteOptions) { o.pruneImages = true }
}

// Kubeconfig returns the admin kubeconfig of the named cluster.
func (m *Manager) Kubeconfig(name string) ([]byte, error) {
	h, err := m.open(name)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(h.l.adminKubeconfig())
}

// Logs copies a component's log to w.
func (m *Manager) Logs(ctx context.Context, name, component string, follow bool, w io.Writer) error {
	h, err := m.open(name)
	if err != nil {
		return err
	}
	var names []string
	for _, c := range h.comps {
		if c.Name == component {
			return h.rt.Logs(ctx, c, follow, w)
		}
		names = append(names, c.Name)
	}
	return fmt.Errorf("cluster %q has no component %q; it has: %s", name, component, strings.Join(names, ", "))
}
