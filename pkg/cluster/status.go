package cluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

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
	// Unfinished is set when create failed or was interrupted and no start
	// has completed since.
	Unfinished bool
}

// String renders the state with the components that are down.
func (s Status) String() string {
	out := s.State
	if len(s.Down) > 0 && s.State == "degraded" {
		out = fmt.Sprintf("degraded (down: %s)", strings.Join(s.Down, ", "))
	}
	if s.Unfinished {
		out += " (create did not finish)"
	}
	return out
}

// Status reports whether each component of the named cluster runs. It fails
// when the runtime cannot tell (a Docker daemon that does not answer), rather
// than calling the cluster stopped.
func (m *Manager) Status(ctx context.Context, name string) (Status, error) {
	h, err := m.open(name)
	if err != nil && h == nil {
		return Status{}, err
	}
	st := Status{Name: name, Runtime: h.cfg.Runtime, Version: h.cfg.KubeVersion, Unfinished: h.l.isUnfinished()}
	if err != nil || h.rt == nil || len(h.comps) == 0 {
		st.State = "incomplete"
		return st, nil
	}
	up := 0
	for _, c := range h.comps {
		s, err := h.rt.State(ctx, c)
		if err != nil {
			return st, fmt.Errorf("cannot tell whether %s of cluster %q runs (%s runtime): %w", c.Name, name, h.rt.Name(), err)
		}
		if s == runtime.Running {
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

// markUnfinished records that a create has begun; markFinished, called once
// the context is merged (by create, or by a later start), removes the record.
func (l layout) markUnfinished() error {
	return os.WriteFile(l.unfinished(), nil, 0o600)
}

func (l layout) markFinished() error {
	if err := os.Remove(l.unfinished()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

func (l layout) isUnfinished() bool {
	_, err := os.Stat(l.unfinished())
	return err == nil
}
