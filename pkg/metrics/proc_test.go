package metrics

import (
	"os"
	"testing"
	"time"
)

func TestCPUPercent(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tests := []struct {
		name          string
		before, after ProcSample
		want          float64
	}{
		{"half a core", ProcSample{At: t0, CPUSeconds: 1}, ProcSample{At: t0.Add(60 * time.Second), CPUSeconds: 31}, 50},
		{"two cores", ProcSample{At: t0}, ProcSample{At: t0.Add(10 * time.Second), CPUSeconds: 20}, 200},
		{"idle", ProcSample{At: t0, CPUSeconds: 0.07}, ProcSample{At: t0.Add(time.Second), CPUSeconds: 0.07}, 0},
		{"no time passed", ProcSample{At: t0}, ProcSample{At: t0, CPUSeconds: 0.05}, 0},
		{"CPU went back (another process)", ProcSample{At: t0, CPUSeconds: 0.5}, ProcSample{At: t0.Add(time.Second), CPUSeconds: 0.05}, 0},
	}
	for _, tt := range tests {
		if got := CPUPercent(tt.before, tt.after); got != tt.want {
			t.Errorf("%s: CPUPercent = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReadProcSelf(t *testing.T) {
	s, err := ReadProc(os.Getpid())
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	if s.RSS == 0 || s.PeakRSS < s.RSS {
		t.Errorf("ReadProc(self) = %+v", s)
	}
	if _, err := ReadProc(1 << 30); err == nil {
		t.Error("want an error for a pid that does not exist")
	}
}

func TestReadProcStatAgreesWithReadProc(t *testing.T) {
	full, err := ReadProc(os.Getpid())
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	s, err := ReadProcStat(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	// Both read the same process a moment apart: RSS within a factor of 2,
	// CPU never going back.
	if s.RSS == 0 || s.RSS > 2*full.RSS || 2*s.RSS < full.RSS || s.CPUSeconds < full.CPUSeconds {
		t.Errorf("ReadProcStat = %+v, ReadProc = %+v", s, full)
	}
	if _, err := ReadProcStat(1 << 30); err == nil {
		t.Error("want an error for a pid that does not exist")
	}
}
