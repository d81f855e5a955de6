package component

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd"
	startcomponent "github.com/kmctl/kmctl/pkg/cmd/start/component"
)

func TestBadInput(t *testing.T) {
	cases := []struct {
		start bool
		args  []string
		want  string
	}{
		{false, nil, "takes one component name, one of etcd, kube-apiserver"},
		{true, []string{"kube-scheduler", "kube-apiserver"}, "got 2 arguments"},
		{false, []string{"kube-scheduler", "--name", "nope"}, `failed to stop kube-scheduler of cluster "nope": cluster "nope" does not exist`},
		{true, []string{"kube-scheduler", "--name", "nope"}, `failed to start kube-scheduler of cluster "nope": cluster "nope" does not exist`},
		{true, []string{"kube-scheduler", "--wait", "soon"}, `invalid argument "soon" for "--wait"`},
	}
	for _, tc := range cases {
		t.Setenv("KMCTL_HOME", t.TempDir())
		var out bytes.Buffer
		g := &cmd.Globals{Out: &out, ErrOut: &out}
		c := NewCommand(g)
		if tc.start {
			c = startcomponent.NewCommand(g)
		}
		c.SetArgs(tc.args)
		c.SetOut(&out)
		c.SetErr(&out)
		if err := c.Execute(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("start=%v %v: error %v, want %q", tc.start, tc.args, err, tc.want)
		}
	}
}
