package scale

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	utilnet "k8s.io/apimachinery/pkg/util/net"
)

// pool runs one request per index with a bounded number of workers.
type pool struct {
	// parallel is the number of workers.
	parallel int
	// attempts bounds the tries of one request that fails retryably.
	attempts int
	// backoff is the first pause between tries; it doubles each time.
	backoff time.Duration
	// onDone is called after each successful request (from any worker).
	onDone func()
	// limit paces the requests handed out; nil sends them as fast as the
	// workers take them.
	limit *rate.Limiter
}

func newPool(parallel int, onDone func()) pool {
	return pool{parallel: parallel, attempts: 5, backoff: 100 * time.Millisecond, onDone: onDone}
}

// paced returns p handing out at most perSecond requests a second (no
// limit when perSecond is 0), in a steady stream: a burst of one.
func (p pool) paced(perSecond float64) pool {
	if perSecond > 0 {
		p.limit = rate.NewLimiter(rate.Limit(perSecond), 1)
	}
	return p
}

// run calls do for every index. On the first error that retries cannot fix
// it hands out no more work, lets the requests in flight finish and returns
// that error. It returns how many requests succeeded.
func (p pool) run(ctx context.Context, indices []int, do func(context.Context, int) error) (int, error) {
	var (
		done     atomic.Int64
		failed   atomic.Int64
		firstErr error
		once     sync.Once
		wg       sync.WaitGroup
	)
	stop := make(chan struct{})
	work := make(chan int)
	for w := 0; w < min(p.parallel, len(indices)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if stopped(stop) {
					continue
				}
				if err := p.retry(ctx, func() error { return do(ctx, i) }); err != nil {
					failed.Add(1)
					once.Do(func() { firstErr = err; close(stop) })
					continue
				}
				done.Add(1)
				if p.onDone != nil {
					p.onDone()
				}
			}
		}()
	}
	p.feed(ctx, work, stop, indices)
	wg.Wait()
	switch n := failed.Load(); {
	case firstErr == nil:
		firstErr = ctx.Err()
	case n > 1:
		firstErr = fmt.Errorf("%w (and %d more failed)", firstErr, n-1)
	}
	return int(done.Load()), firstErr
}

// feed sends indices, paced by limit, until they run out, stop closes or
// ctx ends, then closes work.
func (p pool) feed(ctx context.Context, work chan<- int, stop <-chan struct{}, indices []int) {
	defer close(work)
	for _, i := range indices {
		if stopped(stop) || ctx.Err() != nil {
			return
		}
		if p.limit != nil && p.limit.Wait(ctx) != nil {
			return
		}
		select {
		case work <- i:
		case <-stop:
			return
		case <-ctx.Done():
			return
		}
	}
}

func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// retry calls fn until it succeeds, fails for good, or attempts run out.
func (p pool) retry(ctx context.Context, fn func() error) error {
	pause := p.backoff
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || attempt >= p.attempts || !retryable(err) || ctx.Err() != nil {
			return err
		}
		wait := pause/2 + rand.N(pause/2+1)
		if s, ok := apierrors.SuggestsClientDelay(err); ok && time.Duration(s)*time.Second > wait {
			wait = time.Duration(s) * time.Second
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		pause *= 2
	}
}

// retryable reports errors a later try may not get: throttling, server
// errors, conflicts and dropped connections.
func retryable(err error) bool {
	switch {
	case apierrors.IsTooManyRequests(err), apierrors.IsServerTimeout(err), apierrors.IsTimeout(err),
		apierrors.IsInternalError(err), apierrors.IsServiceUnavailable(err), apierrors.IsConflict(err),
		apierrors.IsUnexpectedServerError(err):
		return true
	case utilnet.IsConnectionReset(err), utilnet.IsProbableEOF(err):
		return true
	}
	var status apierrors.APIStatus
	if errors.As(err, &status) && status.Status().Code >= 500 {
		return true
	}
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}
