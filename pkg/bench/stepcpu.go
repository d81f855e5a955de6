package bench

import (
	"github.com/kmctl/kmctl/pkg/metrics"

	"fmt"
	"io"
	"os"
	"time"
)

// selfName is the benchmark's own process in the CPU table: the writers of
// `kmctl scale` and the samplers run in it.
const selfName = "kmctl (writers)"

// StepCPU is the CPU every process spent during one step: where the two
// cores went, so a missed target names the process that had them.
type StepCPU struct {
	Step string
	Took time.Duration
	// Seconds is CPU-seconds per process, in the order of cpuColumns; a
	// negative value means the process could not be read.
	Seconds []float64
	// Dropped counts, by resource, the watches the apiserver closed during
	// the step because their client fell behind; nil when unread.
	Dropped map[string]float64
}

// cpuColumns are the processes of the CPU table, in order.
var cpuColumns = append(append([]string{}, idleComponents...), selfName)

// cpuSnapshot reads every component and this process.
func cpuSnapshot(workDir string) map[string]procReading {
	out := readComponents(workDir)
	s, err := metrics.ReadProc(os.Getpid())
	out[selfName] = procReading{pid: os.Getpid(), sample: s, err: err}
	return out
}

// stepCPU turns the snapshots around a step into CPU-seconds.
func stepCPU(step string, before, after map[string]procReading) StepCPU {
	sc := StepCPU{Step: step, Seconds: make([]float64, len(cpuColumns))}
	for i, name := range cpuColumns {
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

// Busy is the CPU-seconds of every process read, divided by the wall time:
// how many cores the step kept busy.
func (s StepCPU) Busy() float64 {
	if s.Took <= 0 {
		return 0
	}
	total := 0.0
	for _, v := range s.Seconds {
		if v > 0 {
			total += v
		}
	}
	return total / s.Took.Seconds()
}

// markdownStepCPU renders where the CPU went in every step.
func markdownStepCPU(w io.Writer, steps []StepCPU) {
	if len(steps) == 0 {
		return
	}
	fmt.Fprintf(w, "\n## CPU-seconds per step\n\n| Step | Wall |")
	for _, name := range cpuColumns {
		fmt.Fprintf(w, " %s |", name)
	}
	fmt.Fprintf(w, " Cores busy | Watches dropped |\n|---|---:|")
	for range cpuColumns {
		fmt.Fprintf(w, "---:|")
	}
	fmt.Fprintf(w, "---:|---|\n")
	for _, s := range steps {
		fmt.Fprintf(w, "| %s | %s |", cell(s.Step), fmtDuration(s.Took))
		for _, v := range s.Seconds {
			if v < 0 {
				fmt.Fprintf(w, " ? |")
				continue
			}
			fmt.Fprintf(w, " %.1f |", v)
		}
		fmt.Fprintf(w, " %.2f | %s |\n", s.Busy(), fmtDropped(s.Dropped))
	}
}
