package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestMarkdownStepCPU(t *testing.T) {
	sc := StepCPU{Step: "pods", Took: 10 * time.Second, Seconds: []float64{1, 3, 9, 4, 5, -1, 7}}
	var b bytes.Buffer
	markdownStepCPU(&b, []StepCPU{sc})
	if !strings.Contains(b.String(), "| pods | 10 s | 1.0 | 3.0 | 9.0 | 4.0 | 5.0 | ? | 7.0 |") {
		t.Errorf("markdown row missing:\n%s", b.String())
	}
	if got := sc.Busy(); got != 2.9 {
		t.Errorf("Busy = %v, want 2.9 (29 CPU-seconds over 10 s)", got)
	}
}

func TestFmtDropped(t *testing.T) {
	for _, tt := range []struct {
		dropped map[string]float64
		want    string
	}{
		{map[string]float64{"pods": 3}, "3 (pods 3)"},
		{nil, "?"},
		{map[string]float64{}, "0"},
		{map[string]float64{"nodes": 1, "pods": 2, "leases": 1}, "4 (pods 2, leases 1, nodes 1)"},
	} {
		if got := fmtDropped(tt.dropped); got != tt.want {
			t.Errorf("fmtDropped(%v) = %q, want %q", tt.dropped, got, tt.want)
		}
	}
}
