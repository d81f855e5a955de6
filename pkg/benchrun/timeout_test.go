package benchrun

import (
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/workload"
)

func TestOpTimeout(t *testing.T) {
	d := func(v time.Duration) workload.Duration { return workload.Duration{Duration: v} }
	cases := []struct {
		name string
		op   workload.Op
		want time.Duration
	}{
		{"an op of its own timeout", workload.Op{Timeout: d(time.Minute), Duration: d(time.Hour)}, time.Minute},
		{"a wait takes the default", workload.Op{}, 30 * time.Minute},
		{"a 30-minute churn gets 30 minutes on top", workload.Op{Duration: d(30 * time.Minute)}, time.Hour},
	}
	for _, c := range cases {
		if got := opTimeout(c.op, 30*time.Minute); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
