package docker

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/docker/docker/api/types/container"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/metrics"
)

// Usage implements runtime.Runtime through the Engine API: the container's
// start time tells one run from the next, and a one-shot stats read (no
// second sample for a rate) gives its cgroup's CPU and memory. The
// component's binary is the container's only process, so the cgroup's
// figures are the component's.
func (r *Runtime) Usage(ctx context.Context, c components.Component) (metrics.ProcSample, error) {
	name := ContainerName(r.cluster, c.Name)
	info, err := r.cli.ContainerInspect(ctx, name)
	switch {
	case err != nil:
		return metrics.ProcSample{}, fmt.Errorf("failed to inspect container %s: %w", name, err)
	case info.State == nil || !info.State.Running:
		return metrics.ProcSample{}, fmt.Errorf("container %s is not running", name)
	}
	at := time.Now()
	resp, err := r.cli.ContainerStatsOneShot(ctx, name)
	if err != nil {
		return metrics.ProcSample{}, fmt.Errorf("failed to read the stats of container %s: %w", name, err)
	}
	defer resp.Body.Close()
	var st container.StatsResponse
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return metrics.ProcSample{}, fmt.Errorf("cannot decode the stats of container %s: %w", name, err)
	}
	s := sampleOf(st)
	s.At, s.Instance = at, info.ID+"@"+info.State.StartedAt
	return s, nil
}

// sampleOf reads CPU and memory from a stats response. Memory is what
// `docker stats` shows, the cgroup's usage less its inactive file cache
// (cgroup v2 names it inactive_file, v1 total_inactive_file), the figure
// closest to a process's resident set. The cgroup's own peak counts the
// file cache too, so the peak is left to the sampler's readings.
func sampleOf(st container.StatsResponse) metrics.ProcSample {
	mem := st.MemoryStats
	cache := mem.Stats["inactive_file"]
	if v, ok := mem.Stats["total_inactive_file"]; ok {
		cache = v
	}
	rss := mem.Usage
	if cache < rss {
		rss -= cache
	}
	return metrics.ProcSample{
		CPUSeconds: float64(st.CPUStats.CPUUsage.TotalUsage) / 1e9,
		RSS:        rss,
	}
}
