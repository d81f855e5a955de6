package kubeconfig

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestMergeIntoMissingFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "home", ".kube")
	path := filepath.Join(dir, "config")
	if _, err := Merge(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")); err != nil {
		t.Fatalf("Merge: %v", err)
	}
	cfg := loadConfig(t, path)
	if cfg.CurrentContext != "kmctl-perf" || cfg.Clusters["kmctl-perf"].Server != "https://127.0.0.1:6443" {
		t.Errorf("unexpected config: current=%q clusters=%v", cfg.CurrentContext, cfg.Clusters)
	}
	assertMode(t, path, 0o600)
	assertMode(t, dir, 0o700)
	if _, err := os.Stat(lockPath(path)); !os.IsNotExist(err) {
		t.Errorf("lock file left behind: %v", err)
	}
}

func TestMergePreservesOtherContent(t *testing.T) {
	tests := []struct {
		name    string
		initial string
	}{
		{"rich config", richConfig},
		{"empty file", ""},
		{"whitespace only", "\n\n"},
		{"json config", `{"apiVersion":"v1","kind":"Config","clusters":[{"name":"j","cluster":{"server":"https://j"}}],"users":[],"contexts":[],"current-context":""}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config")
			writeFile(t, path, tc.initial, 0o644)
			before := parseGeneric(t, []byte(tc.initial))
			if _, err := Merge(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")); err != nil {
				t.Fatalf("Merge: %v", err)
			}
			after := parseGeneric(t, readFile(t, path))
			assertUntouched(t, before, after, nil)
			for key, n := range before.count {
				if after.count[key] != n+1 {
					t.Errorf("%s: %d entries, want %d", key, after.count[key], n+1)
				}
			}
			cfg := loadConfig(t, path)
			if cfg.CurrentContext != "kmctl-perf" {
				t.Errorf("current-context = %q", cfg.CurrentContext)
			}
			assertMode(t, path, 0o600)
		})
	}
}

func TestMergeKeepsExecAndAuthProvider(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, richConfig, 0o600)
	if _, err := Merge(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")); err != nil {
		t.Fatalf("Merge: %v", err)
	}
	cfg := loadConfig(t, path)
	exec := cfg.AuthInfos["u3"].Exec
	if exec == nil || exec.Command != "aws" || len(exec.Args) != 4 || !exec.ProvideClusterInfo || exec.Env[0].Value != "prod" {
		t.Errorf("exec config lost: %+v", exec)
	}
	ap := cfg.AuthInfos["u4"].AuthProvider
	if ap == nil || ap.Name != "oidc" || ap.Config["client-id"] != "kube" {
		t.Errorf("auth-provider lost: %+v", ap)
	}
	if !cfg.Preferences.Colors || cfg.Extensions["top-ext"] == nil || cfg.Contexts["ctx3"].Extensions["ctx-ext"] == nil {
		t.Errorf("preferences or extensions lost: %+v %+v", cfg.Preferences, cfg.Extensions)
	}
	if !bytes.Contains(readFile(t, path), []byte("9007199254740993")) {
		t.Errorf("large integer in extension was not preserved exactly")
	}
}

func TestMergeIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, richConfig, 0o600)
	entry := testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")
	if _, err := Merge(path, entry); err != nil {
		t.Fatal(err)
	}
	first := readFile(t, path)
	if _, err := Merge(path, entry); err != nil {
		t.Fatal(err)
	}
	second := readFile(t, path)
	if !bytes.Equal(first, second) {
		t.Errorf("second merge changed the file:\n%s\n---\n%s", first, second)
	}
	p := parseGeneric(t, second)
	for key, n := range p.count {
		if n != 6 {
			t.Errorf("%s: %d entries after two merges, want 6", key, n)
		}
	}
}

// staleConfig holds a leftover kmctl-perf entry from an earlier cluster.
const staleConfig = `apiVersion: v1
kind: Config
current-context: other
clusters:
- {name: other, cluster: {server: "https://other"}}
- {name: kmctl-perf, cluster: {server: "https://127.0.0.1:1111", x-old: 1}}
users:
- {name: kmctl-perf, user: {token: stale-token}}
- {name: other, user: {token: other-token}}
contexts:
- {name: kmctl-perf, context: {cluster: kmctl-perf, user: kmctl-perf, namespace: old}}
- {name: other, context: {cluster: other, user: other}}
`

func TestMergeReplacesStaleEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, staleConfig, 0o600)
	before := parseGeneric(t, []byte(staleConfig))
	if _, err := Merge(path, testEntry(t, "kmctl-perf", "https://127.0.0.1:2222")); err != nil {
		t.Fatal(err)
	}
	after := parseGeneric(t, readFile(t, path))
	assertUntouched(t, before, after, map[string]bool{"kmctl-perf": true})
	cfg := loadConfig(t, path)
	if got := cfg.Clusters["kmctl-perf"].Server; got != "https://127.0.0.1:2222" {
		t.Errorf("server = %q, want the new one", got)
	}
	if u := cfg.AuthInfos["kmctl-perf"]; u.Token != "" || len(u.ClientCertificateData) == 0 {
		t.Errorf("user not replaced wholesale: %+v", u)
	}
	if ns := cfg.Contexts["kmctl-perf"].Namespace; ns != "" {
		t.Errorf("stale namespace %q survived", ns)
	}
	if bytes.Contains(readFile(t, path), []byte("x-old")) {
		t.Errorf("stale cluster field survived")
	}
	for key, n := range after.count {
		if n != 2 {
			t.Errorf("%s: %d entries, want 2", key, n)
		}
	}
	// Replaced entries keep their position in the list.
	doc, _ := decodeDocument(readFile(t, path))
	if clusters, _ := doc.list(keyClusters); itemName(clusters[1]) != "kmctl-perf" {
		t.Errorf("replaced cluster moved: %v", clusters)
	}
}

func TestMergeRejectsBadEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	bad := [][]byte{
		[]byte("apiVersion: v1\nkind: Config\n"),
		[]byte("current-context: x\ncontexts: [{name: x, context: {cluster: nope, user: nope}}]\n"),
	}
	for _, entry := range bad {
		if _, err := Merge(path, entry); err == nil {
			t.Errorf("Merge(%q) succeeded, want error", entry)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("file created for a bad entry")
	}
}

func TestMergeFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles", "kubeconfig")
	link := filepath.Join(dir, "kube", "config")
	writeFile(t, real, richConfig, 0o600)
	if err := os.MkdirAll(filepath.Dir(link), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../dotfiles/kubeconfig", link); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(link, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")); err != nil {
		t.Fatalf("Merge: %v", err)
	}
	fi, err := os.Lstat(link)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("symlink was replaced: %v %v", fi.Mode(), err)
	}
	if loadConfig(t, real).Contexts["kmctl-perf"] == nil {
		t.Errorf("entry not written to the symlink target")
	}
	if err := Remove(link, "kmctl-perf", ""); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if loadConfig(t, real).Contexts["kmctl-perf"] != nil {
		t.Errorf("entry not removed from the symlink target")
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("symlink was replaced by Remove")
	}
}
