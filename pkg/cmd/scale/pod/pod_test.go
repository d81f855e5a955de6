package pod

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd"
)

func TestFlagErrorsComeBeforeTheCluster(t *testing.T) {
	cases := map[string][]string{
		"--replicas must be 0 or more": {"--replicas", "-1"},
		`--memory "lots"`:              {"--replicas", "1", "--memory", "lots"},
		"does not exist":               {"--replicas", "1", "--name", "nope"},
	}
	for want, args := range cases {
		t.Setenv("KMCTL_HOME", t.TempDir())
		var out bytes.Buffer
		c := NewCommand(&cmd.Globals{Out: &out, ErrOut: &out})
		c.SetArgs(args)
		c.SetOut(&out)
		c.SetErr(&out)
		if err := c.Execute(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want %q", args, err, want)
		}
	}
}
