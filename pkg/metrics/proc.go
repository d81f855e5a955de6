package metrics

import (
	"fmt"
	"time"

	"github.com/prometheus/procfs"
)

// ProcSample is what /proc says of one process at one moment.
type ProcSample struct {
	At time.Time
	// CPUSeconds is user+system time.
	CPUSeconds float64
	// RSS and PeakRSS are VmRSS and VmHWM, in bytes.
	RSS, PeakRSS uint64
	// Instance tells one run of a component from the next: when it
	// changes, the component restarted and its counters began again.
	Instance string
}

// ReadProc samples a live process.
func ReadProc(pid int) (ProcSample, error) {
	at := time.Now()
	p, err := procfs.NewProc(pid)
	if err != nil {
		return ProcSample{}, err
	}
	stat, err := p.Stat()
	if err != nil {
		return ProcSample{}, fmt.Errorf("pid %d: %w", pid, err)
	}
	status, err := p.NewStatus()
	if err != nil {
		return ProcSample{}, fmt.Errorf("pid %d: %w", pid, err)
	}
	return ProcSample{At: at, CPUSeconds: stat.CPUTime(), RSS: status.VmRSS, PeakRSS: status.VmHWM}, nil
}

// ReadProcStat reads a process's CPU time and resident memory from
// /proc/<pid>/stat alone: a fraction of ReadProc's cost (status is long
// and parsed line by line), for sampling every second. PeakRSS is not set.
func ReadProcStat(pid int) (ProcSample, error) {
	at := time.Now()
	p, err := procfs.NewProc(pid)
	if err != nil {
		return ProcSample{}, err
	}
	stat, err := p.Stat()
	if err != nil {
		return ProcSample{}, fmt.Errorf("pid %d: %w", pid, err)
	}
	return ProcSample{At: at, CPUSeconds: stat.CPUTime(), RSS: uint64(stat.ResidentMemory()), Instance: fmt.Sprintf("%d@%d", pid, stat.Starttime)}, nil
}

// CPUPercent is the CPU a process used between two samples, in percent of
// one core.
func CPUPercent(before, after ProcSample) float64 {
	wall := after.At.Sub(before.At).Seconds()
	if wall <= 0 || after.CPUSeconds < before.CPUSeconds {
		return 0
	}
	return (after.CPUSeconds - before.CPUSeconds) / wall * 100
}
