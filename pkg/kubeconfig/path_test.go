package kubeconfig

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestResolvePath(t *testing.T) {
	sep := string(filepath.ListSeparator)
	tests := []struct {
		name     string
		explicit string
		env      map[string]string
		existing []string
		want     string
	}{
		{
			name:     "explicit flag wins",
			explicit: "/flag/config",
			env:      map[string]string{"KUBECONFIG": "/a" + sep + "/b", "HOME": "/home/u"},
			existing: []string{"/a", "/b"},
			want:     "/flag/config",
		},
		{
			name:     "first existing KUBECONFIG entry",
			env:      map[string]string{"KUBECONFIG": "/a" + sep + "/b" + sep + "/c", "HOME": "/home/u"},
			existing: []string{"/b", "/c"},
			want:     "/b",
		},
		{
			name: "no entry exists: first KUBECONFIG entry",
			env:  map[string]string{"KUBECONFIG": "/a" + sep + "/b", "HOME": "/home/u"},
			want: "/a",
		},
		{
			name: "empty list items are skipped",
			env:  map[string]string{"KUBECONFIG": sep + "/a" + sep, "HOME": "/home/u"},
			want: "/a",
		},
		{
			name:     "no KUBECONFIG: home config",
			env:      map[string]string{"HOME": "/home/u"},
			existing: []string{"/home/u/.kube/config"},
			want:     filepath.Join("/home/u", ".kube", "config"),
		},
		{
			name: "only separators in KUBECONFIG: home config",
			env:  map[string]string{"KUBECONFIG": sep, "HOME": "/home/u"},
			want: filepath.Join("/home/u", ".kube", "config"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			getEnv := func(k string) string { return tc.env[k] }
			exists := func(p string) bool {
				for _, e := range tc.existing {
					if e == p {
						return true
					}
				}
				return false
			}
			if got := ResolvePath(tc.explicit, getEnv, exists); got != tc.want {
				t.Errorf("ResolvePath = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestResolvePathFromEnv(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "second")
	writeFile(t, existing, "", 0o600)
	t.Setenv("KUBECONFIG", strings.Join([]string{filepath.Join(dir, "missing"), existing}, string(filepath.ListSeparator)))
	if got := ResolvePathFromEnv(""); got != existing {
		t.Errorf("ResolvePathFromEnv = %q, want %q", got, existing)
	}
}

// TestResolvePathIsAbsolute checks that relative paths are resolved against
// the working directory, so that the path saved in kmctl.yaml still names the
// same file when delete runs from elsewhere.
func TestResolvePathIsAbsolute(t *testing.T) {
	t.Chdir(t.TempDir())
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	sep := string(filepath.ListSeparator)
	tests := []struct {
		name     string
		explicit string
		env      map[string]string
		existing []string
		want     string
	}{
		{name: "relative flag", explicit: "kc", want: filepath.Join(cwd, "kc")},
		{name: "flag with dot-dot", explicit: "sub/../kc", want: filepath.Join(cwd, "kc")},
		{name: "relative existing KUBECONFIG entry", env: map[string]string{"KUBECONFIG": "/abs/a" + sep + "rel/b"},
			existing: []string{"rel/b"}, want: filepath.Join(cwd, "rel", "b")},
		{name: "relative first KUBECONFIG entry", env: map[string]string{"KUBECONFIG": "rel/a" + sep + "/abs/b"},
			want: filepath.Join(cwd, "rel", "a")},
		{name: "relative HOME", env: map[string]string{"HOME": "home"}, want: filepath.Join(cwd, "home", ".kube", "config")},
		{name: "absolute flag is only cleaned", explicit: "/x//y/../kc", want: "/x/kc"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			getEnv := func(k string) string { return tc.env[k] }
			exists := func(p string) bool { return slices.Contains(tc.existing, p) }
			if got := ResolvePath(tc.explicit, getEnv, exists); got != tc.want {
				t.Errorf("ResolvePath = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestResolvePathFromEnvRelative(t *testing.T) {
	t.Chdir(t.TempDir())
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, "second", "", 0o600)
	t.Setenv("KUBECONFIG", "missing"+string(filepath.ListSeparator)+"second")
	if got, want := ResolvePathFromEnv(""), filepath.Join(cwd, "second"); got != want {
		t.Errorf("ResolvePathFromEnv = %q, want %q", got, want)
	}
}
