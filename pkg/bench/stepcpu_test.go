package bench

import (
	"errors"
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/metrics"
)

func TestStepCPU(t *testing.T) {
	t0 := time.Unix(1000, 0)
	at := func(d time.Duration, ticks uint64) procReading {
		return procReading{pid: 7, sample: metrics.ProcSample{At: t0.Add(d), CPUSeconds: float64(ticks) / 100}}
	}
	before, after := map[string]procReading{}, map[string]procReading{}
	for i, name := range report.CPUColumns {
		before[name], after[name] = at(0, 100), at(10*time.Second, 100+uint64(i+1)*100)
	}
	// Started during the step: none before, then another pid (a restart);
	// both count their new process whole. Gone at the end: unknown.
	before[report.CPUColumns[1]] = procReading{err: errors.New("stopped")}
	after[report.CPUColumns[2]] = procReading{pid: 8, sample: metrics.ProcSample{At: t0.Add(10 * time.Second), CPUSeconds: 9}}
	after[report.CPUColumns[5]] = procReading{err: errors.New("gone")}

	sc := stepCPU("pods", before, after)
	if sc.Took != 10*time.Second {
		t.Fatalf("Took = %s, want 10s", sc.Took)
	}
	want := []float64{1, 3, 9, 4, 5, -1, 7}
	for i, w := range want {
		if sc.Seconds[i] != w {
			t.Errorf("%s: %v CPU-seconds, want %v", report.CPUColumns[i], sc.Seconds[i], w)
		}
	}
}
