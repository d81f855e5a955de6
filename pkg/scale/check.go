package scale

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// checkTemplate renders and decodes every object about to be created when
// the template is the user's, so that a template that fails for some index
// only (an {{ if }} on .Index, a division, a quantity built from it) fails
// before the first write, naming that index. The built-in templates vary
// only by name and pod range, which cannot break them, so rendering object 0
// in NewNodeScaler and NewPodScaler is check enough for them.
func (s *Scaler) checkTemplate(ctx context.Context, objs objects, indices []int) error {
	if !s.checkAll || len(indices) == 0 {
		return nil
	}
	var bar *progress
	if len(indices) >= checkProgressMin {
		bar = newProgress(s.opts.Progress, len(indices), "checking the template for "+s.plural)
	}
	err := checkAll(ctx, indices, runtime.GOMAXPROCS(0), func(i int) error {
		if err := objs.check(i); err != nil {
			return err
		}
		bar.add()
		return nil
	})
	bar.done(err == nil)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return s.interrupted(ctx, "checking the template (nothing was created yet)", err)
	}
	return fmt.Errorf("%w\nnothing was created; fix the template and run the same command again", err)
}

// checkProgressMin is how many objects a check must render to show a bar:
// a core renders and decodes 8 000 (each render different) to 50 000 (all
// alike but for the name) objects a second.
const checkProgressMin = 5000

// checkAll calls check for every index, on up to workers goroutines that
// each take a contiguous run of indices, and returns the error of the first
// index that fails (indices being ascending, the lowest) or ctx's error.
func checkAll(ctx context.Context, indices []int, workers int, check func(int) error) error {
	size := (len(indices) + workers - 1) / max(workers, 1)
	var runs [][]int
	for start := 0; start < len(indices); start += size {
		runs = append(runs, indices[start:min(start+size, len(indices))])
	}
	errs := make([]error, len(runs))
	var firstFailed atomic.Int64 // the lowest run that failed so far
	firstFailed.Store(math.MaxInt64)
	var wg sync.WaitGroup
	for r, run := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, i := range run {
				if int64(r) > firstFailed.Load() || ctx.Err() != nil {
					return
				}
				if errs[r] = check(i); errs[r] != nil {
					lowerTo(&firstFailed, int64(r))
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// lowerTo sets a to v when v is lower.
func lowerTo(a *atomic.Int64, v int64) {
	for {
		cur := a.Load()
		if v >= cur || a.CompareAndSwap(cur, v) {
			return
		}
	}
}
