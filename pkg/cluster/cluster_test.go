package cluster

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestValidateName(t *testing.T) {
	tests := []struct {
		name  string
		valid bool
	}{
		{"kmctl", true},
		{"a", true},
		{"0", true},
		{"perf-1", true},
		{"a-b-c", true},
		{"1abc9", true},
		{strings.Repeat("a", 40), true},
		{"a" + strings.Repeat("-", 38) + "z", true},
		{"", false},
		{strings.Repeat("a", 41), false},
		{"-a", false},
		{"a-", false},
		{"-", false},
		{"Perf", false},
		{"a_b", false},
		{"a.b", false},
		{"a b", false},
		{"a/b", false},
		{"..", false},
		{"../etc", false},
		{"a\n", false},
		{"é", false},
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.name), func(t *testing.T) {
			err := ValidateName(tc.name)
			if tc.valid && err != nil {
				t.Errorf("ValidateName(%q) = %v, want nil", tc.name, err)
			}
			if !tc.valid {
				if err == nil {
					t.Errorf("ValidateName(%q) = nil, want an error", tc.name)
				} else if !strings.Contains(err.Error(), strconv.Quote(tc.name)) {
					t.Errorf("error %q does not quote the name", err)
				}
			}
		})
	}
}

func TestHome(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"KMCTL_HOME wins", map[string]string{"KMCTL_HOME": "/state/kmctl", "HOME": "/home/u"}, "/state/kmctl"},
		{"KMCTL_HOME alone", map[string]string{"KMCTL_HOME": "/state/kmctl"}, "/state/kmctl"},
		{"HOME", map[string]string{"HOME": "/home/u"}, "/home/u/.kmctl"},
		{"empty KMCTL_HOME falls back to HOME", map[string]string{"KMCTL_HOME": "", "HOME": "/home/u"}, "/home/u/.kmctl"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Home(func(k string) string { return tc.env[k] })
			if got != tc.want {
				t.Errorf("Home = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("neither set", func(t *testing.T) {
		got := Home(func(string) string { return "" })
		if filepath.Base(got) != ".kmctl" || !filepath.IsAbs(got) && got != ".kmctl" {
			t.Errorf("Home without KMCTL_HOME and HOME = %q, want <user home>/.kmctl", got)
		}
	})
}

func TestDirAndContextName(t *testing.T) {
	if got, want := Dir("/h", "perf"), "/h/clusters/perf"; got != want {
		t.Errorf("Dir = %q, want %q", got, want)
	}
	if got, want := ContextName("perf"), "kmctl-perf"; got != want {
		t.Errorf("ContextName = %q, want %q", got, want)
	}
}

func TestList(t *testing.T) {
	t.Run("missing home", func(t *testing.T) {
		names, err := List(filepath.Join(t.TempDir(), "does", "not", "exist"))
		if err != nil || len(names) != 0 {
			t.Errorf("List = %q, %v; want none, nil", names, err)
		}
	})
	t.Run("home without clusters dir", func(t *testing.T) {
		names, err := List(t.TempDir())
		if err != nil || len(names) != 0 {
			t.Errorf("List = %q, %v; want none, nil", names, err)
		}
	})
	t.Run("empty clusters dir", func(t *testing.T) {
		home := t.TempDir()
		mkdir(t, filepath.Join(home, "clusters"))
		names, err := List(home)
		if err != nil || len(names) != 0 {
			t.Errorf("List = %q, %v; want none, nil", names, err)
		}
	})
	t.Run("sorted dirs, files ignored", func(t *testing.T) {
		home := t.TempDir()
		for _, n := range []string{"zeta", "alpha", "mid"} {
			mkdir(t, Dir(home, n))
		}
		writeFile(t, filepath.Join(home, "clusters", "stray-file"), "x")
		names, err := List(home)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"alpha", "mid", "zeta"}; !reflect.DeepEqual(names, want) {
			t.Errorf("List = %q, want %q", names, want)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
