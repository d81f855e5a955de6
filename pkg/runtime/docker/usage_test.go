package docker

import (
	"testing"

	"github.com/docker/docker/api/types/container"
)

// TestSampleOfSubtractsInactiveFiles checks memory as docker stats shows it
// on both cgroup versions, and CPU in seconds.
func TestSampleOfSubtractsInactiveFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stats map[string]uint64
		want  uint64
	}{
		{"cgroup v2", map[string]uint64{"inactive_file": 300}, 700},
		{"cgroup v1", map[string]uint64{"total_inactive_file": 400, "inactive_file": 1}, 600},
		{"no cache figure", nil, 1000},
		{"cache above usage", map[string]uint64{"inactive_file": 5000}, 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := container.StatsResponse{
				CPUStats:    container.CPUStats{CPUUsage: container.CPUUsage{TotalUsage: 2_500_000_000}},
				MemoryStats: container.MemoryStats{Usage: 1000, Stats: tc.stats},
			}
			s := sampleOf(st)
			if s.RSS != tc.want || s.CPUSeconds != 2.5 {
				t.Errorf("sampleOf = %+v, want RSS %d and 2.5 CPU-s", s, tc.want)
			}
		})
	}
}
