package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/kmctl/kmctl/pkg/bench/meter"
)

// SelfName is the benchmark's own process in the CPU table: the writers of
// `kmctl scale` and the samplers run in it.
const SelfName = "kmctl (writers)"

// StepCPU is the CPU every process spent during one step: where the two
// cores went, so a missed target names the process that had them.
type StepCPU struct {
	Step string
	Took time.Duration
	// Seconds is CPU-seconds per process, in the order of CPUColumns; a
	// negative value means the process could not be read.
	Seconds []float64
	// Dropped counts, by resource, the watches the apiserver closed during
	// the step because their client fell behind; nil when unread.
	Dropped map[string]float64
}

// CPUColumns are the processes of the CPU table, in order.
var CPUColumns = append(append([]string{}, IdleComponents...), SelfName)

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
	for _, name := range CPUColumns {
		fmt.Fprintf(w, " %s |", name)
	}
	fmt.Fprintf(w, " Cores busy | Watches dropped |\n|---|---:|")
	for range CPUColumns {
		fmt.Fprintf(w, "---:|")
	}
	fmt.Fprintf(w, "---:|---|\n")
	for _, s := range steps {
		fmt.Fprintf(w, "| %s | %s |", cell(s.Step), meter.FmtDuration(s.Took))
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

// fmtDropped prints dropped watchers as "0", "3 (pods 2, nodes 1)" or "?".
func fmtDropped(d map[string]float64) string {
	if d == nil {
		return "?"
	}
	total := 0.0
	res := make([]string, 0, len(d))
	for r, v := range d {
		total += v
		res = append(res, r)
	}
	if total == 0 {
		return "0"
	}
	sort.Slice(res, func(i, j int) bool { return d[res[i]] > d[res[j]] || d[res[i]] == d[res[j]] && res[i] < res[j] })
	parts := make([]string, len(res))
	for i, r := range res {
		parts[i] = fmt.Sprintf("%s %.0f", r, d[r])
	}
	return fmt.Sprintf("%.0f (%s)", total, strings.Join(parts, ", "))
}
