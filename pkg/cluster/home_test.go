package cluster

import (
	"os"
	"path/filepath"
	"testing"
)

// TestHomeIsAbsolute checks that a relative KMCTL_HOME or HOME is made
// absolute against the current directory: components run in their work dir,
// where a relative path means something else.
func TestHomeIsAbsolute(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"relative KMCTL_HOME", map[string]string{"KMCTL_HOME": "kh"}, filepath.Join(wd, "kh")},
		{"KMCTL_HOME with dots", map[string]string{"KMCTL_HOME": "./a/../kh/"}, filepath.Join(wd, "kh")},
		{"relative HOME", map[string]string{"HOME": "u"}, filepath.Join(wd, "u", ".kmctl")},
		{"absolute stays", map[string]string{"KMCTL_HOME": "/state/kmctl"}, "/state/kmctl"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Home(func(k string) string { return tc.env[k] }); got != tc.want {
				t.Errorf("Home = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRelativeHomeGivesAbsoluteDirs checks the paths a manager derives from
// a relative KMCTL_HOME, which components get as arguments.
func TestRelativeHomeGivesAbsoluteDirs(t *testing.T) {
	home := Home(func(k string) string { return map[string]string{"KMCTL_HOME": "kh"}[k] })
	l := layout{dir: Dir(home, "c")}
	for _, p := range []string{l.etcdData(), l.pki(), l.adminKubeconfig(), l.schedulerConfig()} {
		if !filepath.IsAbs(p) {
			t.Errorf("%s is relative", p)
		}
	}
}
