package bench

import (
	"os"
	"testing"
	"time"
)

func TestParseStatTicks(t *testing.T) {
	tests := []struct {
		name, stat string
		want       uint64
		wantErr    bool
	}{
		{"plain", "1234 (kube-apiserver) S 1 1234 1234 0 -1 4194560 123 0 0 0 250 75 0 0 20 0 10 0 5000 1000 300", 325, false},
		{"name with spaces and parens", "77 (a (b) c) R 1 77 77 0 -1 0 0 0 0 0 1000 2000 0 0 20 0", 3000, false},
		{"truncated", "77 (x) R 1 77 77", 0, true},
		{"no name", "77 x R", 0, true},
		{"not a number", "1 (x) S 1 1 1 0 -1 0 0 0 0 0 abc 1 0 0", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatTicks(tt.stat)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("parseStatTicks = %d, %v; want %d, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestParseStatusMemory(t *testing.T) {
	status := "Name:\tkmctl\nVmPeak:\t 2000000 kB\nVmHWM:\t  150000 kB\nVmRSS:\t  120000 kB\nThreads:\t12\n"
	rss, peak, err := parseStatusMemory(status)
	if err != nil || rss != 120000*1024 || peak != 150000*1024 {
		t.Errorf("parseStatusMemory = %d, %d, %v", rss, peak, err)
	}
	if _, _, err := parseStatusMemory("Name:\tx\nVmRSS:\t 12 kB\n"); err == nil {
		t.Error("want an error without VmHWM")
	}
	if _, _, err := parseStatusMemory("VmRSS:\t 12 MB\nVmHWM:\t 1 kB\n"); err == nil {
		t.Error("want an error for a unit other than kB")
	}
}

func TestCPUPercent(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tests := []struct {
		name          string
		before, after ProcSample
		want          float64
	}{
		{"half a core", ProcSample{At: t0, Ticks: 100}, ProcSample{At: t0.Add(60 * time.Second), Ticks: 3100}, 50},
		{"two cores", ProcSample{At: t0, Ticks: 0}, ProcSample{At: t0.Add(10 * time.Second), Ticks: 2000}, 200},
		{"idle", ProcSample{At: t0, Ticks: 7}, ProcSample{At: t0.Add(time.Second), Ticks: 7}, 0},
		{"no time passed", ProcSample{At: t0, Ticks: 0}, ProcSample{At: t0, Ticks: 5}, 0},
		{"ticks went back (another process)", ProcSample{At: t0, Ticks: 50}, ProcSample{At: t0.Add(time.Second), Ticks: 5}, 0},
	}
	for _, tt := range tests {
		if got := CPUPercent(tt.before, tt.after); got != tt.want {
			t.Errorf("%s: CPUPercent = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReadProcSelf(t *testing.T) {
	s, err := readProc(os.Getpid())
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	if s.RSS == 0 || s.PeakRSS < s.RSS {
		t.Errorf("readProc(self) = %+v", s)
	}
}

func TestUsageAndTotal(t *testing.T) {
	t0 := time.Unix(0, 0)
	at := func(ticks uint64, d time.Duration) ProcSample {
		return ProcSample{At: t0.Add(d), Ticks: ticks, RSS: 100 << 20, PeakRSS: 120 << 20}
	}
	us := []Usage{
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
