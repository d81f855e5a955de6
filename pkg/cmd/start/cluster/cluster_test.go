package cluster

import (
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd/cmdtest"
)

// TestWaitMustBePositive checks that a --wait no component could meet is
// refused before any component of the cluster is started.
func TestWaitMustBePositive(t *testing.T) {
	cmdtest.RefusesBadWait(t, NewCommand, "--name", "nope")
}
