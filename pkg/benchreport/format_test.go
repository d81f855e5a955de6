package benchreport

import "testing"

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{Seconds(0), "0"},
		{Seconds(0.00002), "20.0µs"},
		{Seconds(0.0042), "4.20ms"},
		{Seconds(0.125), "125ms"},
		{Seconds(2.5), "2.50s"},
		{Seconds(1234), "1234s"},
		{Bytes(512), "512 B"},
		{Bytes(1536), "1.50 KiB"},
		{Bytes(12.5 * (1 << 20)), "12.5 MiB"},
		{Bytes(24 << 30), "24.0 GiB"},
		{Rate(97.46), "97.5"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestProfileAmountInItsUnit(t *testing.T) {
	if got := profileAmount("cpu")(1.5); got != Seconds(1.5) {
		t.Errorf("cpu: %s", got)
	}
	if got := profileAmount("heap")(2048); got != Bytes(2048) {
		t.Errorf("heap: %s", got)
	}
	if got := profileAmount("goroutine")(12); got != "12" {
		t.Errorf("goroutine: %s", got)
	}
}
