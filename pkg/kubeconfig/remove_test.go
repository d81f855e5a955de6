package kubeconfig

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestRemove(t *testing.T) {
	sharedConfig := `apiVersion: v1
kind: Config
current-context: other
clusters:
- {name: shared, cluster: {server: "https://shared"}}
- {name: own-cluster, cluster: {server: "https://own"}}
users:
- {name: shared-user, user: {token: t}}
- {name: own-user, user: {token: u}}
- {name: kmctl-perf, user: {token: v}}
contexts:
- {name: kmctl-perf, context: {cluster: shared, user: own-user}}
- {name: other, context: {cluster: shared, user: shared-user}}
- {name: unrelated, context: {cluster: own-cluster, user: shared-user}}
`
	tests := []struct {
		name        string
		initial     func(t *testing.T, path string)
		wantCurrent string
		gone        map[string][]string // list key -> names that must be gone
		kept        map[string][]string // list key -> names that must remain
	}{
		{
			name: "removes current context and clears current-context",
			initial: func(t *testing.T, path string) {
				writeFile(t, path, richConfig, 0o600)
				mustMerge(t, path, "kmctl-perf")
			},
			wantCurrent: "",
			gone:        map[string][]string{keyClusters: {"kmctl-perf"}, keyUsers: {"kmctl-perf"}, keyContexts: {"kmctl-perf"}},
			kept:        map[string][]string{keyContexts: {"ctx1", "ctx2", "ctx3", "ctx4", "ctx5"}},
		},
		{
			name: "keeps current-context pointing elsewhere",
			initial: func(t *testing.T, path string) {
				writeFile(t, path, richConfig, 0o600)
				mustMerge(t, path, "kmctl-perf")
				mustMerge(t, path, "kmctl-other")
			},
			wantCurrent: "kmctl-other",
			gone:        map[string][]string{keyContexts: {"kmctl-perf"}},
			kept:        map[string][]string{keyContexts: {"kmctl-other"}, keyClusters: {"kmctl-other"}, keyUsers: {"kmctl-other"}},
		},
		{
			name:        "referenced cluster still used by another context is kept",
			initial:     func(t *testing.T, path string) { writeFile(t, path, sharedConfig, 0o600) },
			wantCurrent: "other",
			gone:        map[string][]string{keyContexts: {"kmctl-perf"}, keyUsers: {"own-user", "kmctl-perf"}},
			kept:        map[string][]string{keyClusters: {"shared", "own-cluster"}, keyUsers: {"shared-user"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config")
			tc.initial(t, path)
			before := parseGeneric(t, readFile(t, path))
			if err := Remove(path, "kmctl-perf", ""); err != nil {
				t.Fatalf("Remove: %v", err)
			}
			after := parseGeneric(t, readFile(t, path))
			gone := map[string]bool{}
			for key, names := range tc.gone {
				for _, n := range names {
					gone[n] = true
					if _, ok := after.lists[key][n]; ok {
						t.Errorf("%s %q still present", key, n)
					}
				}
			}
			for key, names := range tc.kept {
				for _, n := range names {
					if _, ok := after.lists[key][n]; !ok {
						t.Errorf("%s %q was removed", key, n)
					}
				}
			}
			assertUntouched(t, before, after, gone)
			if cur := loadConfig(t, path).CurrentContext; cur != tc.wantCurrent {
				t.Errorf("current-context = %q, want %q", cur, tc.wantCurrent)
			}
			assertMode(t, path, 0o600)
		})
	}
}

func TestRemoveNothingToDo(t *testing.T) {
	t.Run("missing file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nodir", "config")
		if err := Remove(path, "kmctl-perf", ""); err != nil {
			t.Fatalf("Remove on missing file: %v", err)
		}
		if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
			t.Errorf("Remove created %s", filepath.Dir(path))
		}
	})
	t.Run("path under a regular file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file.yaml")
		writeFile(t, file, "x: 1\n", 0o644)
		if err := Remove(filepath.Join(file, "config"), "kmctl-perf", ""); err != nil {
			t.Fatalf("Remove under a file: %v", err)
		}
		if got := readFile(t, file); string(got) != "x: 1\n" {
			t.Errorf("the file in the way changed: %q", got)
		}
	})
	for name, content := range map[string]string{
		"not a kubeconfig":                "foo: bar\n",
		"does not parse":                  "clusters: [broken: yaml\n",
		"another kind naming another one": "kind: Pod\ncontexts: [{name: kmctl-other}]\n",
	} {
		t.Run("malformed without our context: "+name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config")
			writeFile(t, path, content, 0o644)
			if err := Remove(path, "kmctl-perf", ""); err != nil {
				t.Fatalf("Remove: %v", err)
			}
			if got := readFile(t, path); string(got) != content {
				t.Errorf("file rewritten: %q", got)
			}
			assertMode(t, path, 0o644)
		})
	}
	t.Run("absent entries leave the file byte-identical", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "config")
		writeFile(t, path, richConfig, 0o644)
		if err := Remove(path, "kmctl-perf", ""); err != nil {
			t.Fatalf("Remove: %v", err)
		}
		if got := readFile(t, path); !bytes.Equal(got, []byte(richConfig)) {
			t.Errorf("file rewritten although nothing was removed")
		}
	})
}

// mustMerge merges a test entry named name into path.
func mustMerge(t *testing.T, path, name string) {
	t.Helper()
	if _, err := Merge(path, testEntry(t, name, "https://127.0.0.1:6443")); err != nil {
		t.Fatalf("Merge(%s): %v", name, err)
	}
}
