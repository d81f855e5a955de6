// Package machine reads what kmctl needs to know about the host it runs on.
package machine

import (
	"os"
	"strconv"
	"strings"
)

// MemoryTotal is the host's physical memory in bytes (MemTotal of
// /proc/meminfo), or 0 where that file cannot be read, as off Linux.
func MemoryTotal() uint64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	return ParseMemTotal(string(data))
}

// ParseMemTotal reads MemTotal, in bytes, from the text of /proc/meminfo;
// 0 if the line is missing or malformed.
func ParseMemTotal(meminfo string) uint64 {
	for _, line := range strings.Split(meminfo, "\n") {
		rest, ok := strings.CutPrefix(line, "MemTotal:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0
		}
		kib, err := strconv.ParseUint(f[0], 10, 64)
		if err != nil {
			return 0
		}
		return kib << 10
	}
	return 0
}
