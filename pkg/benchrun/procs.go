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

// procSampler reads the CPU and memory of every component's process (and
// kmctl's own) from /proc, on both runtimes.
type procSampler struct {
	mu    sync.Mutex
	pids  map[string]int
	first map[string]metrics.ProcSample
	last  map[string]metrics.ProcSample
	peak  map[string]uint64
}

func newProcSampler(ctx context.Context, c Clusters, cluster string) (*procSampler, error) {
	pids, err := c.Processes(ctx, cluster)
	if err != nil {
		return nil, err
	}
	pids[Self] = os.Getpid()
	p := &procSampler{pids: pids, first: map[string]metrics.ProcSample{}, last: map[string]metrics.ProcSample{}, peak: map[string]uint64{}}
	p.sample()
	return p, nil
}

// sample reads every process (its stat alone: this runs every second) and
// returns each one's CPU since the last
// sample, in cores. A process that is gone (a stopped component) is left
// out from then on.
func (p *procSampler) sample() map[string]float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]float64{}
	for name, pid := range p.pids {
		s, err := metrics.ReadProcStat(pid)
		if err != nil {
			continue
		}
		if prev, ok := p.last[name]; ok {
			out[name] = metrics.CPUPercent(prev, s) / 100
		} else {
			p.first[name] = s
		}
		p.last[name] = s
		p.peak[name] = max(p.peak[name], s.RSS)
	}
	return out
}

// usage is each process's CPU-seconds between its first and last samples
// and its highest RSS seen, sorted by component.
func (p *procSampler) usage() []benchresult.Usage {
	p.sample()
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]benchresult.Usage, 0, len(p.last))
	for name, last := range p.last {
		out = append(out, benchresult.Usage{
			Component:    name,
			CPUSeconds:   last.CPUSeconds - p.first[name].CPUSeconds,
			PeakRSSBytes: p.peak[name],
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Component < out[j].Component })
	return out
}
