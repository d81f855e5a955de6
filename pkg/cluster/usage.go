package cluster

import (
	"context"
	"io"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/metrics"
)

// Meter reads what the components of one cluster use, for the timeline
// and usage of a benchmark run.
type Meter struct {
	h *handle
}

// Meter opens the named cluster for reading its components' usage.
func (m *Manager) Meter(name string) (*Meter, error) {
	h, err := m.open(name)
	if err != nil {
		return nil, err
	}
	return &Meter{h: h}, nil
}

// Close releases the runtime's connections (the docker client's).
func (mt *Meter) Close() error {
	if c, ok := mt.h.rt.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// Read returns each running component's usage by component name; a
// component that is stopped, disabled or cannot be read is left out.
func (mt *Meter) Read(ctx context.Context) map[string]metrics.ProcSample {
	out := map[string]metrics.ProcSample{}
	for _, c := range mt.h.comps {
		if s, err := mt.h.rt.Usage(ctx, c); err == nil {
			out[c.Name] = s
		}
	}
	return out
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
