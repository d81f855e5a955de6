package component

import (
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd/cmdtest"
)

// TestWaitMustBePositive checks that a --wait no component could meet is
// refused before the manager is asked to start anything.
func TestWaitMustBePositive(t *testing.T) {
	cmdtest.RefusesBadWait(t, NewCommand, "kube-scheduler", "--name", "nope")
}
