package benchrun

import (
	"context"
	"crypto/sha256"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/google/pprof/profile"
)

// work burns a fixed amount of CPU, however busy the machine is.
func work() {
	sum := [32]byte{}
	for i := 0; i < 1_500_000; i++ {
		sum = sha256.Sum256(sum[:])
	}
}

// TestLabelledSecondsTellsMeasuringApart does the same work with and without
// the measuring label and checks that the labelled part is about half of
// the CPU in the profile: it compares CPU shares, not times.
func TestLabelledSecondsTellsMeasuringApart(t *testing.T) {
	var p selfProfile
	p.start()
	if !p.on {
		t.Skip("another CPU profile runs")
	}
	done := make(chan struct{})
	go pprof.Do(context.Background(), measuringLabel, func(context.Context) {
		defer close(done)
		work()
	})
	work() // unlabelled: the workload's own work
	<-done
	pprof.StopCPUProfile()
	prof, err := profile.Parse(&p.buf)
	if err != nil {
		t.Fatal(err)
	}
	labelled := labelledSeconds(prof, "kmctl", "measure")
	total := 0.0
	for _, s := range prof.Sample {
		total += time.Duration(s.Value[cpuIndex(prof)]).Seconds()
	}
	if total == 0 {
		t.Fatal("the profile holds no CPU samples")
	}
	if share := labelled / total; share < 0.25 || share > 0.75 {
		t.Errorf("labelled share %.2f of %.2f CPU-seconds, want about half", share, total)
	}
}
