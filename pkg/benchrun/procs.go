package benchrun

import (
	"context"
	"os"
	"sort"
	"sync"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/metrics"
)

// Self names kmctl's own process (the workload's writers and the
// measuring) in usage and the timeline.
const Self = "kmctl"

// usageReader reads what each running component uses (cluster.Meter).
type usageReader interface {
	Read(ctx context.Context) map[string]metrics.ProcSample
}

// procSampler follows the CPU and memory of every component (through its
// runtime: /proc, or the Engine API on docker) and of kmctl itself over a
// measured op. A component that restarts during the op (the scheduler of a
// backlog workload) is followed across the restart, and one that starts
// during the op counts from its start.
type procSampler struct {
	mu     sync.Mutex
	meter  usageReader
	tracks map[string]*procTrack
	// begun is set once the op's first reading is in: a component first
	// seen after it started during the op.
	begun bool
}

// procTrack is one component's usage over the op.
type procTrack struct {
	last metrics.ProcSample
	cpu  float64
	peak uint64
}

func newProcSampler(ctx context.Context, meter usageReader) *procSampler {
	p := &procSampler{meter: meter, tracks: map[string]*procTrack{}}
	p.sample(ctx)
	return p
}

// read is every component's reading and kmctl's own.
func (p *procSampler) read(ctx context.Context) map[string]metrics.ProcSample {
	reads := p.meter.Read(ctx)
	if s, err := metrics.ReadProcStat(os.Getpid()); err == nil {
		reads[Self] = s
	}
	return reads
}

// sample takes one reading of every component and returns each one's CPU
// since its last reading, in cores. A component that is not running is
// left out of the reading.
func (p *procSampler) sample(ctx context.Context) map[string]float64 {
	reads := p.read(ctx)
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]float64{}
	for name, s := range reads {
		t, seen := p.tracks[name]
		if !seen {
			t = &procTrack{}
			p.tracks[name] = t
			if p.begun {
				t.cpu = s.CPUSeconds // started during the op
			}
		} else {
			used := s.CPUSeconds - t.last.CPUSeconds
			if s.Instance != t.last.Instance {
				used = s.CPUSeconds // restarted: its counter began again
			}
			t.cpu += used
			if wall := s.At.Sub(t.last.At).Seconds(); wall > 0 {
				out[name] = used / wall
			}
		}
		t.last = s
		t.peak = max(t.peak, s.RSS)
	}
	p.begun = true
	return out
}

// usage is each component's CPU-seconds over the op and its highest
// resident memory seen, sorted by component.
func (p *procSampler) usage(ctx context.Context) []benchresult.Usage {
	p.sample(ctx)
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]benchresult.Usage, 0, len(p.tracks))
	for name, t := range p.tracks {
		out = append(out, benchresult.Usage{Component: name, CPUSeconds: t.cpu, PeakRSSBytes: t.peak})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Component < out[j].Component })
	return out
}
