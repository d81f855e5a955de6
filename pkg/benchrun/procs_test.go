package benchrun

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/metrics"
)

// scriptedMeter returns one prepared reading per call.
type scriptedMeter struct {
	reads []map[string]metrics.ProcSample
}

func (s *scriptedMeter) Read(context.Context) map[string]metrics.ProcSample {
	r := s.reads[0]
	if len(s.reads) > 1 {
		s.reads = s.reads[1:]
	}
	out := map[string]metrics.ProcSample{}
	for k, v := range r {
		out[k] = v
	}
	return out
}

func reading(at time.Time, sec int, cpu float64, rss uint64, instance string) metrics.ProcSample {
	return metrics.ProcSample{At: at.Add(time.Duration(sec) * time.Second), CPUSeconds: cpu, RSS: rss, Instance: instance}
}

// TestProcSamplerFollowsRestarts checks the usage of an op in which one
// component runs throughout, one restarts (its counter begins again) and
// one starts after the op began (all its CPU is the op's).
func TestProcSamplerFollowsRestarts(t *testing.T) {
	t0 := time.Now()
	m := &scriptedMeter{reads: []map[string]metrics.ProcSample{
		{"apiserver": reading(t0, 0, 100, 10, "a"), "scheduler": reading(t0, 0, 50, 5, "s1")},
		{"apiserver": reading(t0, 1, 101, 30, "a"), "scheduler": reading(t0, 1, 50.5, 5, "s1")},
		{"apiserver": reading(t0, 2, 102, 20, "a"), "scheduler": reading(t0, 2, 0.25, 7, "s2"), "simulator": reading(t0, 2, 0.75, 3, "x")},
		{"apiserver": reading(t0, 3, 103, 20, "a"), "scheduler": reading(t0, 3, 1.25, 9, "s2"), "simulator": reading(t0, 3, 1.0, 3, "x")},
	}}
	p := newProcSampler(context.Background(), m)
	cores := p.sample(context.Background())
	if got := cores["apiserver"]; math.Abs(got-1) > 1e-9 {
		t.Errorf("apiserver cores = %v, want 1", got)
	}
	if got := cores["scheduler"]; math.Abs(got-0.5) > 1e-9 {
		t.Errorf("scheduler cores = %v, want 0.5", got)
	}
	p.sample(context.Background())
	want := map[string]struct {
		cpu  float64
		peak uint64
	}{
		"apiserver": {3, 30},
		"scheduler": {0.5 + 1.25, 9},
		"simulator": {1.0, 3},
	}
	for _, u := range p.usage(context.Background()) {
		w, ok := want[u.Component]
		if u.Component == Self {
			continue
		}
		if !ok {
			t.Errorf("unexpected component %s", u.Component)
			continue
		}
		if math.Abs(u.CPUSeconds-w.cpu) > 1e-9 || u.PeakRSSBytes != w.peak {
			t.Errorf("%s: %v CPU-s, peak %d; want %v, %d", u.Component, u.CPUSeconds, u.PeakRSSBytes, w.cpu, w.peak)
		}
		delete(want, u.Component)
	}
	if len(want) > 0 {
		t.Errorf("missing from usage: %v", want)
	}
}
