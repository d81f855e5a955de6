package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
	"github.com/kmctl/kmctl/pkg/runtime"
)

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
	h, err := m.openCreated(name)
	if err != nil {
		return err
	}
	if err := startAll(ctx, h.rt, h.comps, wait, m); err != nil {
		return err
	}
	if err := waitAPI(ctx, h.l.adminKubeconfig(), wait); err != nil {
		return err
	}
	if err := m.ensureContext(h); err != nil {
		return err
	}
	return h.l.markFinished()
}

// ensureContext merges the cluster's context into the user's kubeconfig, as
// create does last, when create did not finish: a create that failed or was
// interrupted never merged it. After a finished create the kubeconfig is the
// user's: a context they removed stays removed.
func (m *Manager) ensureContext(h *handle) error {
	if !h.l.isUnfinished() {
		return nil
	}
	cfg := *h.cfg
	cfg.Kubeconfig = m.userKubeconfig(h.cfg)
	if err := m.mergeKubeconfig(&cfg, h.l); err != nil {
		return fmt.Errorf("the cluster runs, but its context %s could not be set in %s: %w; fix that file, then run `kmctl start cluster --name %s` again",
			ContextName(cfg.Name), cfg.Kubeconfig, err, cfg.Name)
	}
	return nil
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
// dir. It works on half-created, stopped, degraded and damaged clusters: it
// also stops what the runtime finds on its own (pid files, labelled
// containers), and keeps the work dir with an error if anything is left.
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
		m.Log.Infof("cluster %q is damaged (%v); stopping and deleting what can be found", name, err)
	}
	errs := m.stopEverything(ctx, h, o.pruneImages)
	errs = append(errs, m.removeContext(h, name))
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("failed to delete cluster %q: %w\nThe work dir %s is kept, with the pid files and logs of what may still run; fix the cause above (or stop those processes or containers by hand), then run `kmctl delete cluster --name %s` again",
			name, err, h.l.dir, name)
	}
	return os.RemoveAll(h.l.dir)
}

// removeContext removes the cluster's context from the user's kubeconfig: the
// saved one, or the default one when kmctl.yaml is lost or damaged.
func (m *Manager) removeContext(h *handle, name string) error {
	path := m.userKubeconfig(h.cfg)
	if err := kubeconfig.Remove(path, ContextName(name), h.cfg.PreviousContext); err != nil {
		return fmt.Errorf("failed to remove context %s from %s: %w", ContextName(name), path, err)
	}
	return nil
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
	path, err := h.adminKubeconfig(name)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// Logs copies a component's log to w.
func (m *Manager) Logs(ctx context.Context, name, component string, follow bool, w io.Writer) error {
	h, c, err := m.openComponent(name, component)
	if err != nil {
		return err
	}
	return h.rt.Logs(ctx, c, follow, w)
}
