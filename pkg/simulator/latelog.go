package simulator

import (
	"log/slog"
	"sync"
	"time"

	"k8s.io/utils/clock"
)

// lateLog warns when leases are renewed older than limit (lateAge): the
// controller-manager marks a node NotReady once its lease is older than its
// duration. Under load many leases are late together, so it logs at
// most one line per period, counting the late renewals since the last line.
type lateLog struct {
	clock  clock.PassiveClock
	limit  time.Duration
	logger func() *slog.Logger

	mu     sync.Mutex
	last   time.Time
	count  int
	oldest time.Duration
	node   string
}

// lateLogPeriod is the least time between two warnings.
const lateLogPeriod = 10 * time.Second

func newLateLog(c clock.PassiveClock, limit time.Duration, logger func() *slog.Logger) *lateLog {
	return &lateLog{clock: c, limit: limit, logger: logger}
}

// observe notes a lease of node renewed at age, and logs if it was late and
// the period has passed.
func (l *lateLog) observe(node string, age time.Duration) {
	if age <= l.limit {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.count++
	if age > l.oldest {
		l.oldest, l.node = age, node
	}
	now := l.clock.Now()
	if now.Sub(l.last) < lateLogPeriod {
		return
	}
	l.logger().Warn("node leases renewed late; their nodes go NotReady if a lease ages past its duration",
		"renewals", l.count, "oldest", l.oldest.Round(time.Millisecond), "node", l.node, "late-after", l.limit)
	l.last, l.count, l.oldest, l.node = now, 0, 0, ""
}
