package cluster

import (
	"context"
	"fmt"
	"strings"
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

// stopEverything stops and removes, with every runtime that may run them, the
// saved components together with whatever the runtime finds of the cluster
// on its own (pid files, labelled containers), so that a lost or damaged
// kmctl.yaml or components.yaml leaves nothing running. It returns what
// failed; Delete keeps the work dir if anything did.
func (m *Manager) stopEverything(ctx context.Context, h *handle, prune bool) []error {
	rts, err := m.runtimesOf(ctx, h)
	errs := []error{err}
	for _, rt := range rts {
		comps, err := m.discover(ctx, rt, h.comps)
		errs = append(errs, err, stopAll(ctx, rt, comps, m))
		if prune && rt.Name() == docker.Name {
			errs = append(errs, pruneImages(ctx, h.cfg.Name))
		}
		errs = append(errs, rt.Remove(ctx, comps))
	}
	return errs
}

// runtimesOf returns the runtimes that may run the cluster's components: the
// saved one, or, when kmctl.yaml is lost, damaged or names an unknown
// runtime, the binary runtime and the docker runtime if a daemon answers.
func (m *Manager) runtimesOf(ctx context.Context, h *handle) ([]runtime.Runtime, error) {
	if h.cfgOK && h.rt != nil {
		return []runtime.Runtime{h.rt}, nil
	}
	rts := []runtime.Runtime{binary.New(h.l.dir)}
	if err := dockerAvailable(ctx); err != nil {
		m.Log.Infof(" • not looking for containers of %q (%v); if it used the docker runtime, run `kmctl delete cluster --name %s` again once Docker runs", h.cfg.Name, err, h.cfg.Name)
		return rts, nil
	}
	rt, err := docker.New(h.cfg.Name, h.l.dir)
	if err != nil {
		return rts, err
	}
	return append(rts, rt), nil
}

// discover adds to the saved components those the runtime finds on its own.
// What the runtime finds wins over the saved description: a pid file records
// the binary that really runs. The result is in start order. If the runtime
// cannot look, the saved components are returned with the error.
func (m *Manager) discover(ctx context.Context, rt runtime.Runtime, saved []components.Component) ([]components.Component, error) {
	d, ok := rt.(runtime.Discoverer)
	if !ok {
		return saved, nil
	}
	found, err := d.Discover(ctx)
	if err != nil {
		return saved, fmt.Errorf("cannot look for the cluster's %s components: %w", rt.Name(), err)
	}
	all, extra := withFound(saved, found)
	if len(extra) > 0 {
		m.Log.Infof(" • found %s (%s runtime) outside the saved component list; stopping them too", strings.Join(extra, ", "), rt.Name())
	}
	return all, nil
}

// withFound merges found into saved by name, found winning, in start order,
// and names, in that order, the found components that saved lacks.
func withFound(saved, found []components.Component) ([]components.Component, []string) {
	inSaved, inFound := map[string]bool{}, map[string]bool{}
	for _, c := range found {
		inFound[c.Name] = true
	}
	out := append([]components.Component(nil), found...)
	for _, c := range saved {
		inSaved[c.Name] = true
		if !inFound[c.Name] {
			out = append(out, c)
		}
	}
	out = components.Sort(out)
	var extra []string
	for _, c := range out {
		if !inSaved[c.Name] {
			extra = append(extra, c.Name)
		}
	}
	return out, extra
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
