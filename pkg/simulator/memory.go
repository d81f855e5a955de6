package simulator

import (
	"context"
	"runtime/debug"
	"time"
)

// releaseIdleMemory hands freed memory back to the OS once pods stop
// changing: after a burst of 100 000 pods the heap shrinks, but the Go
// runtime would keep the pages for a while, and resident memory is what
// users watch on an idle cluster.
func (s *Simulator) releaseIdleMemory(ctx context.Context, every time.Duration) {
	last := s.podWrites.Load()
	released := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
		now := s.podWrites.Load()
		busy := now != last || s.podQueue.Len() > 0
		last = now
		if busy {
			released = false
			continue
		}
		if !released {
			debug.FreeOSMemory()
			released = true
		}
	}
}
