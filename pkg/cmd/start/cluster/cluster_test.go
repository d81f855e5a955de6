package cluster

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd"
)

// TestWaitMustBePositive checks that a --wait no component could meet is
// refused before any component of the cluster is started.
func TestWaitMustBePositive(t *testing.T) {
	for _, wait := range []string{"0s", "-1s"} {
		home := t.TempDir()
		t.Setenv("KMCTL_HOME", home)
		var out bytes.Buffer
		c := NewCommand(&cmd.Globals{Out: &out, ErrOut: &out})
		c.SetArgs([]string{"--name", "nope", "--wait", wait})
		c.SetOut(&out)
		c.SetErr(&out)
		want := "--wait must be a positive duration such as 5m"
		if err := c.Execute(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("--wait %s: error %v, want one containing %q", wait, err, want)
		}
		if entries, _ := os.ReadDir(home); len(entries) != 0 {
			t.Errorf("--wait %s: wrote %d entries under KMCTL_HOME", wait, len(entries))
		}
	}
}
