package report

import "testing"

func TestFmtNotReady(t *testing.T) {
	for n, want := range map[NotReady]string{
		{0, 0, true}:  "0 NotReady transitions (0 nodes)",
		{1, 1, true}:  "1 NotReady transition (1 node)",
		{5, 2, true}:  "5 NotReady transitions (2 nodes)",
		{3, 1, false}: "? NotReady transitions (? nodes)",
	} {
		if got := fmtNotReady(n); got != want {
			t.Errorf("fmtNotReady(%+v) = %q, want %q", n, got, want)
		}
	}
}
