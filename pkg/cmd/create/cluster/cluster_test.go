package cluster

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd"
)

// TestFlagErrorsComeBeforeAnyWrite runs `create cluster` with flags the
// cluster would misread and checks that nothing is written under KMCTL_HOME.
func TestFlagErrorsComeBeforeAnyWrite(t *testing.T) {
	cases := map[string][]string{
		"--wait must be a positive duration":            {"--wait", "0s"},
		"--wait must be a positive":                     {"--wait", "-1m"},
		"--kube-scheduler-qps must be 0":                {"--kube-scheduler-qps", "-5"},
		"--kube-scheduler-burst must be 0":              {"--kube-scheduler-burst", "-1"},
		"--kube-controller-manager-qps must be 0":       {"--kube-controller-manager-qps", "-3"},
		"--kube-controller-manager-burst must be 0":     {"--kube-controller-manager-burst", "-3"},
		"--kube-version \"latest\"":                     {"--kube-version", "latest"},
		"vMAJOR.MINOR.PATCH":                            {"--kube-version", "1.34"},
		"--etcd-version":                                {"--etcd-version", "../../x"},
		"--kube-scheduler-percentage-of-nodes-to-score": {"--kube-scheduler-percentage-of-nodes-to-score", "101"},
	}
	for want, args := range cases {
		home := t.TempDir()
		t.Setenv("KMCTL_HOME", home)
		var out bytes.Buffer
		c := NewCommand(&cmd.Globals{Out: &out, ErrOut: &out})
		c.SetArgs(append([]string{"--name", "flags", "--runtime", "binary", "--dry-run"}, args...))
		c.SetOut(&out)
		c.SetErr(&out)
		if err := c.Execute(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want one containing %q", args, err, want)
		}
		if entries, _ := os.ReadDir(home); len(entries) != 0 {
			t.Errorf("%v: wrote %d entries under KMCTL_HOME", args, len(entries))
		}
	}
}
