package cluster

import (
	"context"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

// Processes returns the host pid of every running component of the named
// cluster, by component name, for reading their CPU and memory; a component
// that is stopped or disabled is left out.
func (m *Manager) Processes(ctx context.Context, name string) (map[string]int, error) {
	h, err := m.open(name)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, c := range h.comps {
		if st, err := h.rt.State(ctx, c); err != nil || st != runtime.Running {
			continue
		}
		if pid, err := h.rt.Process(ctx, c); err == nil {
			out[c.Name] = pid
		}
	}
	return out, nil
}

// Components returns the named cluster's components as created (their
// flags and environment), for listing what differs from upstream.
func (m *Manager) Components(name string) ([]components.Component, error) {
	h, err := m.openCreated(name)
	if err != nil {
		return nil, err
	}
	return h.comps, nil
}
