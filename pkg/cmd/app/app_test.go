package app

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd"
)

func execute(t *testing.T, args ...string) (string, error) {
	t.Helper()
	t.Setenv("KMCTL_HOME", t.TempDir())
	var out bytes.Buffer
	root := NewRootCommand(&cmd.Globals{Out: &out, ErrOut: &out})
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

// TestScaleGroup checks plural names, unknown subcommands with their flags,
// and the group's own help.
func TestScaleGroup(t *testing.T) {
	cases := []struct {
		args []string
		want string // in the error; "" means no error
	}{
		{[]string{"scale", "pods", "--name", "nope", "--replicas", "3"}, `cluster "nope" does not exist`},
		{[]string{"scale", "nodes", "--name", "nope", "--replicas", "3"}, `cluster "nope" does not exist`},
		{[]string{"scale", "--replicas", "3", "pods", "--name", "nope"}, `cluster "nope" does not exist`},
		{[]string{"scale", "pds", "--replicas", "3"}, "unknown command \"pds\" for \"kmctl scale\"\n\nDid you mean this?\n\tpod\n"},
		{[]string{"scale", "deployment", "--replicas", "3"}, `unknown command "deployment" for "kmctl scale"`},
		{[]string{"scale", "--replicas", "3"}, "kmctl scale needs a subcommand: node, pod"},
		{[]string{"create", "clusters", "--name", "x"}, "Did you mean this?\n\tcluster\n"},
		{[]string{"scale"}, ""},
		{[]string{"scale", "-v", "1"}, ""},
		{[]string{"scale", "--verbosity=2"}, ""},
		{[]string{"scale", "-v2", "pds"}, "Did you mean this?\n\tpod\n"},
		{[]string{"scale", "--help"}, ""},
	}
	for _, c := range cases {
		out, err := execute(t, c.args...)
		switch {
		case c.want == "" && (err != nil || !strings.Contains(out, "Available Commands")):
			t.Errorf("%v: err %v, output %q; want the group's help", c.args, err, out)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "unknown flag")):
			t.Errorf("%v: err %v, want %q", c.args, err, c.want)
		}
	}
}

func TestFirstWord(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--replicas", "3", "pods"}, "pods"},
		{[]string{"--a=b", "-v", "2", "x", "y"}, "x"},
		{[]string{"--replicas", "3"}, ""},
		{[]string{"--", "pods"}, ""},
		{[]string{"-v2", "pds"}, "pds"},
	}
	for _, c := range cases {
		if got := firstWord(c.args); got != c.want {
			t.Errorf("firstWord(%v) = %q, want %q", c.args, got, c.want)
		}
	}
}
