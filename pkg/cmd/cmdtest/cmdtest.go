// Package cmdtest holds checks that several commands' tests share.
package cmdtest

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cmd"
)

// RefusesBadWait runs the command made by newCommand with args and each
// --wait no component could meet, and fails t unless it is refused with
// cmd.CheckWait's error before anything is written under KMCTL_HOME.
func RefusesBadWait(t *testing.T, newCommand func(*cmd.Globals) *cobra.Command, args ...string) {
	t.Helper()
	for _, wait := range []string{"0s", "-1s"} {
		home := t.TempDir()
		t.Setenv("KMCTL_HOME", home)
		var out bytes.Buffer
		c := newCommand(&cmd.Globals{Out: &out, ErrOut: &out})
		c.SetArgs(append(append([]string(nil), args...), "--wait", wait))
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
