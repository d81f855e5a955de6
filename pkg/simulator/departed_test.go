package simulator

import (
	"testing"
	"time"
)

func TestDepartedNodesExpire(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	d := newDepartedNodes()
	d.now = func() time.Time { return now }

	d.add("a")
	if !d.has("a") || d.has("b") {
		t.Fatal("a was just deleted, b never was")
	}
	now = now.Add(departedFor - time.Second)
	d.add("b")
	if !d.has("a") || !d.has("b") {
		t.Fatal("both were deleted less than departedFor ago")
	}
	now = now.Add(2 * time.Second)
	if d.has("a") || !d.has("b") {
		t.Error("a was deleted departedFor ago and is forgotten; b is not")
	}
	d.remove("b") // created again
	if d.has("b") {
		t.Error("a node created again is no longer departed")
	}
	// Pruning drops what expired, at most once per departedFor.
	now = now.Add(departedFor)
	d.add("c")
	if len(d.at) != 1 {
		t.Errorf("after a prune: %v, want only c", d.at)
	}
}
