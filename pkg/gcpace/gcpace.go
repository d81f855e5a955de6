// Package gcpace paces Go's garbage collector by a heap floor: the heap may
// grow by at least Floor bytes between collections, and by Percent of the
// live heap once that is more.
//
// A fixed GOGC makes the collector's CPU proportional to what the process
// allocates whatever its live heap: at GOGC=50 a simulator holding 10 000
// pods collects every few MB and spends a quarter of its CPU marking. A
// floor keeps small heaps from collecting that often while a large heap
// (100 000 pods) collects exactly as at the fixed percent, so the peak
// resident memory stays where it was.
package gcpace

import (
	"context"
	"math"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Pace is a collector's pacing.
type Pace struct {
	// Percent is the GOGC used once the live heap exceeds 100*Floor/Percent.
	Percent int
	// Floor is the least heap growth, in bytes, between two collections.
	Floor uint64
}

// liveHeap is the runtime metric of the heap the last collection kept.
const liveHeap = "/gc/heap/live:bytes"

// maxPercent bounds the GOGC set for a tiny live heap.
const maxPercent = 10000

// Run sets the GOGC the live heap calls for now and again every period,
// until ctx ends.
func (p Pace) Run(ctx context.Context, period time.Duration) {
	sample := []metrics.Sample{{Name: liveHeap}}
	set := -1
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			if want := p.percentFor(sample[0].Value.Uint64()); want != set {
				debug.SetGCPercent(want)
				set = want
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// percentFor is the GOGC that lets a heap of live bytes grow by Floor, or
// by Percent if that is more. It moves in steps of a tenth, so a heap that
// drifts does not reset it at every sample.
func (p Pace) percentFor(live uint64) int {
	if live == 0 {
		return maxPercent
	}
	want := math.Ceil(100 * float64(p.Floor) / float64(live))
	if want <= float64(p.Percent) {
		return p.Percent
	}
	if want >= maxPercent {
		return maxPercent
	}
	step := math.Pow(10, math.Floor(math.Log10(want))) / 10
	return int(math.Ceil(want/step) * step)
}
