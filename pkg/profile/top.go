// Package profile takes pprof profiles of a cluster's components and
// reads them.
package profile

import (
	"sort"

	"github.com/google/pprof/profile"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// Top is the n functions with the most flat samples of the profile's last
// sample type (CPU time for a CPU profile, in seconds; bytes in use for a
// heap profile), as `go tool pprof -top` lists them.
func Top(p *profile.Profile, n int) []benchresult.TopFunction {
	if len(p.SampleType) == 0 {
		return nil
	}
	idx := len(p.SampleType) - 1
	flat, cum := map[string]int64{}, map[string]int64{}
	var total int64
	for _, s := range p.Sample {
		v := s.Value[idx]
		total += v
		seen := map[string]bool{}
		for depth, loc := range s.Location {
			for li, line := range loc.Line {
				if line.Function == nil {
					continue
				}
				name := line.Function.Name
				if depth == 0 && li == 0 {
					flat[name] += v
				}
				if !seen[name] {
					cum[name] += v
					seen[name] = true
				}
			}
		}
	}
	scale := 1.0
	if p.SampleType[idx].Unit == "nanoseconds" {
		scale = 1e9 // to seconds, as pprof -top prints CPU time
	}
	return topOf(flat, cum, total, n, scale)
}

func topOf(flat, cum map[string]int64, total int64, n int, scale float64) []benchresult.TopFunction {
	names := make([]string, 0, len(cum))
	for name := range cum {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		if flat[names[i]] != flat[names[j]] {
			return flat[names[i]] > flat[names[j]]
		}
		return names[i] < names[j]
	})
	if len(names) > n {
		names = names[:n]
	}
	out := make([]benchresult.TopFunction, 0, len(names))
	for _, name := range names {
		out = append(out, benchresult.TopFunction{
			Function: name,
			Flat:     float64(flat[name]) / scale, FlatPct: pct(flat[name], total),
			Cum: float64(cum[name]) / scale, CumPct: pct(cum[name], total),
		})
	}
	return out
}

func pct(v, total int64) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(v) / float64(total)
}
