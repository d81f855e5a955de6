package fault

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd"
)

func run(t *testing.T, args ...string) error {
	t.Helper()
	t.Setenv("KMCTL_HOME", t.TempDir())
	var out, errOut bytes.Buffer
	c := NewCommand(&cmd.Globals{Out: &out, ErrOut: &errOut})
	c.SetArgs(args)
	c.SetOut(&out)
	c.SetErr(&errOut)
	return c.Execute()
}

// TestBadFlagsComeBeforeTheCluster: every mistake in the flags is named
// before kmctl looks for the cluster (which does not exist here).
func TestBadFlagsComeBeforeTheCluster(t *testing.T) {
	cases := map[string][]string{
		"--condition is required":           {"node", "n0"},
		`"Sleepy" is not one of NotReady`:   {"node", "n0", "--condition", "Sleepy"},
		"--for must be 0":                   {"node", "n0", "--condition", "NotReady", "--for", "-1m"},
		"name the nodes or give --selector": {"node", "--condition", "NotReady"},
		"exactly one of --fail":             {"pod", "web", "--fail", "--not-ready"},
		"--reason \"Tired\"":                {"pod", "web", "--fail", "--reason", "Tired"},
		"name the pods or give --selector":  {"clear", "pod"},
		"only json":                         {"list", "-o", "yaml"},
		"takes neither --condition nor":     {"node", "n0", "--restart-kubelet", "--condition", "NotReady"},
		"cluster \"kmctl\" does not exist":  {"node", "n0", "--condition", "Unknown"},
	}
	for want, args := range cases {
		if err := run(t, args...); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want %q", args, err, want)
		}
	}
}
