package cluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

// StopComponent stops one component of a cluster and leaves the others
// running, for example the scheduler while pods pile up for it. Stopping a
// stopped component is no error. The cluster shows as degraded until
// StartComponent or Start starts it again.
func (m *Manager) StopComponent(ctx context.Context, name, component string) error {
	h, c, err := m.openComponent(name, component)
	if err != nil {
		return err
	}
	return h.rt.Stop(ctx, c)
}

// StartComponent starts one stopped component of a cluster with the
// command line it was created with, and waits up to wait for it to be
// healthy. Starting a running component is no error and does nothing.
func (m *Manager) StartComponent(ctx context.Context, name, component string, wait time.Duration) error {
	h, c, err := m.openComponent(name, component)
	if err != nil {
		return err
	}
	if st, err := h.rt.State(ctx, c); err == nil && st == runtime.Running {
		m.Log.Infof("%s is already running", c.Name)
		return nil
	}
	for _, dep := range c.DependsOn {
		if st, err := h.rt.State(ctx, h.find(dep)); err != nil || st != runtime.Running {
			return fmt.Errorf("%s needs %s, which is not running: start it first, or the whole cluster with `kmctl start cluster --name %s`", c.Name, dep, name)
		}
	}
	if err := h.rt.Start(ctx, c); err != nil {
		return err
	}
	return waitHealthy(ctx, h.rt, c, wait)
}

// openComponent loads a cluster whose components were saved (see openCreated)
// and one of them.
func (m *Manager) openComponent(name, component string) (*handle, components.Component, error) {
	h, err := m.openCreated(name)
	if err != nil {
		return nil, components.Component{}, err
	}
	c := h.find(component)
	if c.Name == "" {
		return nil, components.Component{}, fmt.Errorf("cluster %q has no component %q; its components are %s", name, component, strings.Join(h.names(), ", "))
	}
	return h, c, nil
}

// openCreated loads a cluster whose create got as far as saving its
// components. Such a cluster may still be unfinished (Start finishes it).
func (m *Manager) openCreated(name string) (*handle, error) {
	h, err := m.open(name)
	if err != nil {
		return nil, err
	}
	if len(h.comps) == 0 {
		return nil, neverCreated(name)
	}
	return h, nil
}

// neverCreated is the error for a cluster whose create stopped before it
// wrote what a command needs.
func neverCreated(name string) error {
	return fmt.Errorf("cluster %q was never fully created; delete it with `kmctl delete cluster --name %s` and create it again", name, name)
}

// adminKubeconfig returns the path of the cluster's admin kubeconfig, or an
// error saying what to do when there is none: create never wrote it, or it
// was removed since.
func (h *handle) adminKubeconfig(name string) (string, error) {
	path := h.l.adminKubeconfig()
	_, err := os.Stat(path)
	switch {
	case err == nil:
		return path, nil
	case !errors.Is(err, os.ErrNotExist):
		return "", fmt.Errorf("cannot read the admin kubeconfig of cluster %q: %w; check the permissions of %s", name, err, path)
	case h.l.isUnfinished() || len(h.comps) == 0:
		return "", neverCreated(name)
	default:
		return "", fmt.Errorf("cluster %q has lost its admin kubeconfig %s; delete it with `kmctl delete cluster --name %s` and create it again", name, path, name)
	}
}

// find returns the component with this name, or a zero Component.
func (h *handle) find(name string) components.Component {
	for _, c := range h.comps {
		if c.Name == name {
			return c
		}
	}
	return components.Component{}
}

// names lists the cluster's components in start order.
func (h *handle) names() []string {
	out := make([]string, len(h.comps))
	for i, c := range h.comps {
		out[i] = c.Name
	}
	return out
}
