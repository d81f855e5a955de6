package simulator

import (
	"log/slog"
	"sync"
)

// nodeReports remembers the problem last logged for each node and kind of
// write, so that a misconfigured node is logged once rather than at every
// sync of the node or of each of its pods.
type nodeReports struct {
	mu   sync.Mutex
	last map[nodeWrite]string
}

// nodeWrite is one kind of write for one node.
type nodeWrite struct{ node, kind string }

func newNodeReports() *nodeReports {
	return &nodeReports{last: map[nodeWrite]string{}}
}

// first records problem for the node's writes of kind and reports whether
// it differs from the one recorded before (so it is worth logging).
func (r *nodeReports) first(node, kind, problem string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := nodeWrite{node, kind}
	if r.last[key] == problem {
		return false
	}
	r.last[key] = problem
	return true
}

// resolved forgets the problem of the node's writes of kind: it was fixed.
func (r *nodeReports) resolved(node, kind string) {
	r.mu.Lock()
	delete(r.last, nodeWrite{node, kind})
	r.mu.Unlock()
}

// forget drops every problem of a deleted node.
func (r *nodeReports) forget(node string) {
	for _, kind := range []string{writeNodeStatus, writePodStatus} {
		r.resolved(node, kind)
	}
}

// skipWrite counts a write of kind the simulator does not send because node
// is misconfigured (the result "invalid" of the writes metric), and logs why
// once per node and problem. The caller does not retry: the node has to
// change first, and its change queues it again.
func (s *Simulator) skipWrite(kind, node string, err error) {
	s.metrics.skipped(kind)
	if s.reports.first(node, kind, err.Error()) {
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
