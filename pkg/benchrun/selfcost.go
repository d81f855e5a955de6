package benchrun

import (
	"bytes"
	"fmt"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/google/pprof/profile"

	"github.com/kmctl/kmctl/pkg/benchresult"
	kprofile "github.com/kmctl/kmctl/pkg/profile"
)

// selfProfile profiles kmctl itself during a measured op, to tell what the
// measuring (goroutines labelled kmctl=measure) cost apart from the
// workload's writes in the same process.
type selfProfile struct {
	buf     bytes.Buffer
	started time.Time
	on      bool
}

// start begins the profile; when another profile of this process runs, the
// cost is unknown and the op goes on without it.
func (p *selfProfile) start() {
	p.buf.Reset()
	p.on = pprof.StartCPUProfile(&p.buf) == nil
	p.started = time.Now()
}

// stop ends the profile and returns it and the wall time it covered.
func (p *selfProfile) stop() (*profile.Profile, time.Duration, error) {
	if !p.on {
		return nil, 0, fmt.Errorf("kmctl could not profile itself; the cost of measuring is unknown")
	}
	pprof.StopCPUProfile()
	wall := time.Since(p.started)
	prof, err := profile.Parse(&p.buf)
	if err != nil {
		return nil, wall, fmt.Errorf("cannot read kmctl's own profile: %w", err)
	}
	return prof, wall, nil
}

// labelledSeconds sums the CPU time of the samples carrying label key=value.
func labelledSeconds(prof *profile.Profile, key, value string) float64 {
	idx := cpuIndex(prof)
	if idx < 0 {
		return 0
	}
	var ns int64
	for _, s := range prof.Sample {
		for _, v := range s.Label[key] {
			if v == value {
				ns += s.Value[idx]
				break
			}
		}
	}
	return time.Duration(ns).Seconds()
}

// cpuIndex is the sample value holding CPU nanoseconds.
func cpuIndex(prof *profile.Profile) int {
	for i, st := range prof.SampleType {
		if st.Type == "cpu" && st.Unit == "nanoseconds" {
			return i
		}
	}
	return -1
}

// addMeasuringCost adds the op's measuring CPU to the result, and saves
// kmctl's profile when --profile kmctl asks; when the cost is unknown the
// run says so and goes on.
func (r *run) addMeasuringCost(op string) {
	prof, wall, err := r.self.stop()
	if err != nil {
		r.env.Log.Infof("WARNING: %v", err)
		return
	}
	if contains(r.o.Profile, Self) {
		r.saveSelfProfile(prof, op)
	}
	cpu := labelledSeconds(prof, "kmctl", "measure")
	r.measuredWall += wall
	c := &r.res.MeasuringCost
	c.CPUSeconds += cpu
	if r.measuredWall > 0 {
		c.CoreShare = c.CPUSeconds / r.measuredWall.Seconds()
	}
}

// saveSelfProfile writes kmctl's own profile of op beside the components'.
func (r *run) saveSelfProfile(prof *profile.Profile, op string) {
	file := profileFile(Self, op)
	if err := writeProfile(filepath.Join(r.dir, file), prof); err != nil {
		r.env.Log.Infof("WARNING: %v", err)
		return
	}
	r.res.Profiles = append(r.res.Profiles, benchresult.Profile{Component: Self, Type: "cpu", Op: op, File: file, Top: kprofile.Top(prof, 15)})
}
