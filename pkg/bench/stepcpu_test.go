package bench

import (
	"github.com/kmctl/kmctl/pkg/metrics"

	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestStepCPU(t *testing.T) {
	t0 := time.Unix(1000, 0)
	at := func(d time.Duration, ticks uint64) procReading {
		return procReading{pid: 7, sample: metrics.ProcSample{At: t0.Add(d), CPUSeconds: float64(ticks) / 100}}
	}
	before, after := map[string]procReading{}, map[string]procReading{}
	for i, name := range cpuColumns {
		before[name], after[name] = at(0, 100), at(10*time.Second, 100+uint64(i+1)*100)
	}
	// Started during the step: none before, then another pid (a restart);
	// both count their new process whole. Gone at the end: unknown.
	before[cpuColumns[1]] = procReading{err: errors.New("stopped")}
	after[cpuColumns[2]] = procReading{pid: 8, sample: metrics.ProcSample{At: t0.Add(10 * time.Second), CPUSeconds: 9}}
	after[cpuColumns[5]] = procReading{err: errors.New("gone")}

	sc := stepCPU("pods", before, after)
	if sc.Took != 10*time.Second {
		t.Fatalf("Took = %s, want 10s", sc.Took)
	}
	want := []float64{1, 3, 9, 4, 5, -1, 7}
	for i, w := range want {
		if sc.Seconds[i] != w {
			t.Errorf("%s: %v CPU-seconds, want %v", cpuColumns[i], sc.Seconds[i], w)
		}
	}
	if got := sc.Busy(); got != 2.9 {
		t.Errorf("Busy = %v, want 2.9 (29 CPU-seconds over 10 s)", got)
	}
	var b bytes.Buffer
	markdownStepCPU(&b, []StepCPU{sc})
	if !strings.Contains(b.String(), "| pods | 10 s | 1.0 | 3.0 | 9.0 | 4.0 | 5.0 | ? | 7.0 |") {
		t.Errorf("markdown row missing:\n%s", b.String())
	}
}
