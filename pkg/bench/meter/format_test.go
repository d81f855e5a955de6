package meter

import (
	"math"
	"testing"
	"time"
)

func TestFmtDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		1500 * time.Millisecond: "1.5 s", 15 * time.Minute: "15 min", 90 * time.Second: "90 s", 150 * time.Second: "2.5 min", 2 * time.Hour: "120 min",
	} {
		if got := FmtDuration(d); got != want {
			t.Errorf("FmtDuration(%v) = %q, want %q", d, got, want)
		}
	}
	if got := FmtSeconds(math.NaN()); got != "n/a" {
		t.Errorf("FmtSeconds(NaN) = %q", got)
	}
}
