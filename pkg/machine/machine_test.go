package machine

import "testing"

func TestParseMemTotal(t *testing.T) {
	tests := map[string]uint64{
		"MemTotal:       24589292 kB\nMemFree: 1 kB\n": 24589292 << 10,
		"MemFree: 1 kB\nMemTotal: 1024 kB":             1 << 20,
		"nothing":                                      0,
		"MemTotal: lots kB":                            0,
		"MemTotal: 1024":                               0,
		"MemTotal: 1024 MB":                            0,
	}
	for in, want := range tests {
		if got := ParseMemTotal(in); got != want {
			t.Errorf("ParseMemTotal(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestMemoryTotalOnThisHost(t *testing.T) {
	// Linux always has /proc/meminfo; elsewhere 0 is the documented answer.
	if got := MemoryTotal(); got == 0 {
		t.Skip("no /proc/meminfo here")
	} else if got < 64<<20 {
		t.Errorf("MemoryTotal = %d bytes, less than any machine that runs kmctl", got)
	}
}
