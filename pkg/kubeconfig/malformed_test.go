package kubeconfig

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestMalformedFileIsNeverOverwritten(t *testing.T) {
	tests := []struct {
		name    string
		content string
	}{
		// Each mentions kmctl-perf, so Remove cannot tell that it is absent.
		{"cluster not a map", `clusters: [ {name: kmctl-perf, cluster: "notamap"} ]`},
		{"garbage", "::: kmctl-perf"},
		{"yaml syntax error", "clusters:\n  - name: kmctl-perf\n   bad-indent: [\n"},
		{"top-level list", "- kmctl-perf\n- b\n"},
		{"users not a list", "users: kmctl-perf\n"},
		{"not a kubeconfig", "replicaCount: 3\nimage: kmctl-perf\n"},
		{"other kind", "apiVersion: v1\nkind: Pod\nmetadata: {name: kmctl-perf}\n"},
		{"escaped name", "kind: Pod\ncontexts: [{name: \"kmctl-\\x70erf\"}]\n"},
	}
	ops := map[string]func(path string) error{
		"Merge":  func(p string) error { return mergeErr(p, testEntry(t, "kmctl-perf", "https://127.0.0.1:6443")) },
		"Remove": func(p string) error { return Remove(p, "kmctl-perf", "") },
	}
	for _, tc := range tests {
		for opName, op := range ops {
			t.Run(tc.name+"/"+opName, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "config")
				writeFile(t, path, tc.content, 0o644)
				err := op(path)
				if !errors.Is(err, ErrMalformed) {
					t.Fatalf("%s error = %v, want ErrMalformed", opName, err)
				}
				if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "fix or move it") {
					t.Errorf("error does not name the file and the fix: %v", err)
				}
				if got := readFile(t, path); !bytes.Equal(got, []byte(tc.content)) {
					t.Errorf("file changed:\n%s", got)
				}
				assertMode(t, path, 0o644)
			})
		}
	}
}
