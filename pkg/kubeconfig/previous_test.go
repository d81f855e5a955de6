package kubeconfig

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestMergeReturnsPreviousContext(t *testing.T) {
	tests := []struct {
		name    string
		initial *string // nil: no file
		want    string
	}{
		{"no file", nil, ""},
		{"empty file", ptr(""), ""},
		{"user's current context", ptr(richConfig), "ctx2"},
		{"no current context", ptr("apiVersion: v1\nkind: Config\ncurrent-context: \"\"\n"), ""},
		{"ours already current", ptr(strings.Replace(staleConfig, "current-context: other", "current-context: kmctl-perf", 1)), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config")
			if tc.initial != nil {
				writeFile(t, path, *tc.initial, 0o600)
			}
			prev, err := Merge(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443"))
			if err != nil {
				t.Fatalf("Merge: %v", err)
			}
			if prev != tc.want {
				t.Errorf("previous = %q, want %q", prev, tc.want)
			}
		})
	}
}

// TestCreateDeleteRoundTripRestoresCurrentContext checks that merging and
// then removing a context leaves the user's kubeconfig as it was, including
// its current-context.
func TestCreateDeleteRoundTripRestoresCurrentContext(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, richConfig, 0o600)
	before := parseGeneric(t, readFile(t, path))
	prev, err := Merge(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443"))
	if err != nil {
		t.Fatal(err)
	}
	if err := Remove(path, "kmctl-perf", prev); err != nil {
		t.Fatal(err)
	}
	after := parseGeneric(t, readFile(t, path))
	assertUntouched(t, before, after, nil)
	if cur := loadConfig(t, path).CurrentContext; cur != "ctx2" {
		t.Errorf("current-context = %q, want the user's ctx2 back", cur)
	}
	for key, n := range before.count {
		if after.count[key] != n {
			t.Errorf("%s: %d entries, want %d", key, after.count[key], n)
		}
	}
}

func TestRemoveRestoresPrevious(t *testing.T) {
	tests := []struct {
		name     string
		merge    []string // contexts merged, in order, into richConfig
		previous string
		want     string
	}{
		{"previous still exists", []string{"kmctl-perf"}, "ctx1", "ctx1"},
		{"previous gone", []string{"kmctl-perf"}, "deleted-meanwhile", ""},
		{"no previous", []string{"kmctl-perf"}, "", ""},
		{"previous is the removed context", []string{"kmctl-perf"}, "kmctl-perf", ""},
		{"ours not current: current kept", []string{"kmctl-perf", "kmctl-other"}, "ctx1", "kmctl-other"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config")
			writeFile(t, path, richConfig, 0o600)
			for _, name := range tc.merge {
				mustMerge(t, path, name)
			}
			if err := Remove(path, "kmctl-perf", tc.previous); err != nil {
				t.Fatalf("Remove: %v", err)
			}
			if cur := loadConfig(t, path).CurrentContext; cur != tc.want {
				t.Errorf("current-context = %q, want %q", cur, tc.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
