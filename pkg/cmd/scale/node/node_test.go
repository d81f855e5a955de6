package node

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd"
)

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	t.Setenv("KMCTL_HOME", t.TempDir())
	var out, errOut bytes.Buffer
	c := NewCommand(&cmd.Globals{Out: &out, ErrOut: &errOut})
	c.SetArgs(args)
	c.SetOut(&out)
	c.SetErr(&errOut)
	err := c.Execute()
	return out.String(), err
}

func TestFlagErrorsComeBeforeTheCluster(t *testing.T) {
	cases := map[string][]string{
		"required flag(s) \"replicas\" not set": {},
		"--replicas must be 0 or more":          {"--replicas", "-1"},
		"effect \"Bad\" is not one of":          {"--replicas", "1", "--taint", "a=b:Bad"},
		"does not exist":                        {"--replicas", "1", "--name", "nope"},
	}
	for want, args := range cases {
		if _, err := run(t, args...); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want %q", args, err, want)
		}
	}
}
