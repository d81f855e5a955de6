package simulator

import (
	"log/slog"
)

// skipWrite counts a write of kind the simulator does not send because node
// is misconfigured (the result "invalid" of the writes metric), and logs why
// once per node and problem. The caller does not retry: the node has to
// change first, and its change queues it again.
func (s *Simulator) skipWrite(kind, node string, err error) {
	s.metrics.skipped(kind)
	if s.recs.firstProblem(node, kind, err.Error()) {
		s.logger().Warn("simulator skips writes for a misconfigured node until it changes",
			"node", node, "write", kind, "err", err)
	}
}

// logger is where the simulator reports what users must fix.
func (s *Simulator) logger() *slog.Logger {
	if s.log != nil {
		return s.log
	}
	return slog.Default()
}
