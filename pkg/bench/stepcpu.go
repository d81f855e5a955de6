package bench

import (
	"os"

	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/metrics"
)

// cpuSnapshot reads every component and this process.
func cpuSnapshot(workDir string) map[string]procReading {
	out := readComponents(workDir)
	s, err := metrics.ReadProc(os.Getpid())
	out[report.SelfName] = procReading{pid: os.Getpid(), sample: s, err: err}
	return out
}

// stepCPU turns the snapshots around a step into CPU-seconds.
func stepCPU(step string, before, after map[string]procReading) report.StepCPU {
	sc := report.StepCPU{Step: step, Seconds: make([]float64, len(report.CPUColumns))}
	for i, name := range report.CPUColumns {
		b, a := before[name], after[name]
		sc.Seconds[i] = stepSeconds(b, a)
		if b.err == nil && a.err == nil {
			sc.Took = a.sample.At.Sub(b.sample.At)
		}
	}
	return sc
}

// stepSeconds is one process's CPU-seconds between two readings, -1 when
// unknown. A component started during the step (another pid after it, or
// none before) counts its new process from its start; what its old
// process spent before it stopped is lost.
func stepSeconds(b, a procReading) float64 {
	switch {
	case a.err != nil:
		return -1
	case b.err != nil || b.pid != a.pid:
		return a.sample.CPUSeconds
	case a.sample.CPUSeconds < b.sample.CPUSeconds:
		return -1
	}
	return a.sample.CPUSeconds - b.sample.CPUSeconds
}
