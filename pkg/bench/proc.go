package bench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat
// (100 on every Linux kmctl runs on).
const clockTicks = 100

// ProcSample is what /proc says of one process at one moment.
type ProcSample struct {
	At time.Time
	// Ticks is utime+stime, in clock ticks.
	Ticks uint64
	// RSS and PeakRSS are VmRSS and VmHWM, in bytes.
	RSS, PeakRSS uint64
}

// parseStatTicks returns utime+stime from the text of /proc/<pid>/stat.
// The command name may hold spaces and parentheses, so fields are counted
// after the last ')': the state is field 3, utime 14 and stime 15.
func parseStatTicks(stat string) (uint64, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("malformed /proc stat: no command name")
	}
	fields := strings.Fields(stat[i+1:])
	const utime, stime = 14 - 3, 15 - 3 // indices once fields 1 and 2 are cut
	if len(fields) <= stime {
		return 0, fmt.Errorf("malformed /proc stat: %d fields after the command name", len(fields))
	}
	u, err := strconv.ParseUint(fields[utime], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("malformed utime %q", fields[utime])
	}
	s, err := strconv.ParseUint(fields[stime], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("malformed stime %q", fields[stime])
	}
	return u + s, nil
}

// parseStatusMemory returns VmRSS and VmHWM in bytes from the text of
// /proc/<pid>/status.
func parseStatusMemory(status string) (rss, peak uint64, err error) {
	found := 0
	for _, line := range strings.Split(status, "\n") {
		key, rest, ok := strings.Cut(line, ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, 0, fmt.Errorf("malformed %s line %q", key, line)
		}
		kib, err := strconv.ParseUint(f[0], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("malformed %s line %q", key, line)
		}
		if key == "VmRSS" {
			rss = kib * 1024
		} else {
			peak = kib * 1024
		}
		found++
	}
	if found < 2 {
		return 0, 0, fmt.Errorf("no VmRSS and VmHWM in /proc status")
	}
	return rss, peak, nil
}

// CPUPercent is the CPU a process used between two samples, in percent of
// one core.
func CPUPercent(before, after ProcSample) float64 {
	wall := after.At.Sub(before.At).Seconds()
	if wall <= 0 || after.Ticks < before.Ticks {
		return 0
	}
	return float64(after.Ticks-before.Ticks) / clockTicks / wall * 100
}

// readProc samples a live process.
func readProc(pid int) (ProcSample, error) {
	at := time.Now()
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ProcSample{}, err
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return ProcSample{}, err
	}
	ticks, err := parseStatTicks(string(stat))
	if err != nil {
		return ProcSample{}, fmt.Errorf("pid %d: %w", pid, err)
	}
	rss, peak, err := parseStatusMemory(string(status))
	if err != nil {
		return ProcSample{}, fmt.Errorf("pid %d: %w", pid, err)
	}
	return ProcSample{At: at, Ticks: ticks, RSS: rss, PeakRSS: peak}, nil
}
