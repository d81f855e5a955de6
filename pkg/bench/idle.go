package bench

import (
	"github.com/kmctl/kmctl/pkg/metrics"

	"fmt"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/runtime/binary"
)

// procReading is one component's pid and sample, or why there is none.
type procReading struct {
	pid    int
	sample metrics.ProcSample
	err    error
}

// readComponents samples every idle component of the work dir.
func readComponents(workDir string) map[string]procReading {
	out := map[string]procReading{}
	rt := binary.New(workDir)
	for _, name := range report.IdleComponents {
		pid, err := rt.Pid(name)
		if err != nil {
			out[name] = procReading{err: err}
			continue
		}
		s, err := metrics.ReadProc(pid)
		out[name] = procReading{pid: pid, sample: s, err: err}
	}
	return out
}

// usage computes one component's CPU and memory from two readings.
func usage(name string, before, after procReading) report.Usage {
	u := report.Usage{Name: name}
	switch {
	case before.err != nil:
		u.Err = before.err.Error()
	case after.err != nil:
		u.Err = after.err.Error()
	case before.pid != after.pid:
		u.Err = fmt.Sprintf("restarted (pid %d, then %d)", before.pid, after.pid)
	default:
		u.CPU = metrics.CPUPercent(before.sample, after.sample)
		u.RSS, u.PeakRSS = after.sample.RSS, after.sample.PeakRSS
	}
	return u
}

// controlPlaneCPU sums the CPU of every component but Prometheus, which
// watches the cluster rather than runs it.
func controlPlaneCPU(us []report.Usage) float64 {
	total := 0.0
	for _, u := range us {
		if u.Name != components.Prometheus {
			total += u.CPU
		}
	}
	return total
}
