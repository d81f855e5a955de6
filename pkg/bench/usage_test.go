package bench

import (
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/metrics"
)

func TestUsageAndTotal(t *testing.T) {
	t0 := time.Unix(0, 0)
	at := func(ticks uint64, d time.Duration) metrics.ProcSample {
		return metrics.ProcSample{At: t0.Add(d), CPUSeconds: float64(ticks) / 100, RSS: 100 << 20, PeakRSS: 120 << 20}
	}
	us := []report.Usage{
		usage("etcd", procReading{pid: 1, sample: at(0, 0)}, procReading{pid: 1, sample: at(300, 60*time.Second)}),
		usage("kmctl-simulator", procReading{pid: 2, sample: at(0, 0)}, procReading{pid: 2, sample: at(120, 60*time.Second)}),
		usage("prometheus", procReading{pid: 3, sample: at(0, 0)}, procReading{pid: 3, sample: at(600, 60*time.Second)}),
		usage("kube-scheduler", procReading{pid: 4, sample: at(0, 0)}, procReading{pid: 5, sample: at(9, 60*time.Second)}),
	}
	if us[0].CPU != 5 || us[1].CPU != 2 || us[1].RSS != 100<<20 || us[1].PeakRSS != 120<<20 {
		t.Errorf("usages = %+v", us)
	}
	if us[3].Err == "" {
		t.Error("a changed pid should be reported as a restart")
	}
	if got := controlPlaneCPU(us); got != 7 {
		t.Errorf("controlPlaneCPU = %v, want 7 (prometheus excluded)", got)
	}
}

func TestMemTotal(t *testing.T) {
	if got := memTotalKiB("MemTotal:       24589292 kB\nMemFree: 1 kB\n"); got != 24589292 {
		t.Errorf("memTotalKiB = %d", got)
	}
	if got := memTotalKiB("nothing"); got != 0 {
		t.Errorf("memTotalKiB = %d, want 0", got)
	}
}
