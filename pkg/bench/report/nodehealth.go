package report

import "fmt"

// NotReady counts the nodes that stopped being Ready: a missed heartbeat
// the controller-manager noticed.
type NotReady struct {
	// Transitions counts Ready conditions going from True to anything else
	// (False, Unknown, or gone).
	Transitions int
	// Nodes counts the distinct nodes that made them.
	Nodes int
	// Watched is false while the node watch has not listed the nodes: the
	// counts are unknown.
	Watched bool
}

// NodeHealth prints the NotReady transitions of the whole run.
func (p *Printer) NodeHealth(n NotReady) {
	fmt.Fprintf(p.w, "    nodes over the run: %s\n", fmtNotReady(n))
}

// notReadyCell prints transitions and nodes as "3 (2)", "?" when unwatched.
func notReadyCell(n NotReady) string {
	if !n.Watched {
		return "?"
	}
	return fmt.Sprintf("%d (%d)", n.Transitions, n.Nodes)
}

// fmtNotReady prints "0 NotReady transitions (0 nodes)", or "?" figures
// when the nodes were not watched.
func fmtNotReady(n NotReady) string {
	if !n.Watched {
		return "? NotReady transitions (? nodes)"
	}
	return fmt.Sprintf("%s (%s)", plural(n.Transitions, "NotReady transition"), plural(n.Nodes, "node"))
}

// plural prints a count and a noun, adding "s" unless the count is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
