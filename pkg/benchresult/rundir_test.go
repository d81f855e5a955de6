package benchresult

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestFiles(t *testing.T) {
	tests := []struct {
		name  string
		files []string // created under the run dir
		arg   string   // relative to the run dir; "" is the dir itself
		want  []string
		err   string
	}{
		{name: "single run", files: []string{"result.json", "summary.md"}, want: []string{"result.json"}},
		{name: "the file itself", files: []string{"result.json"}, arg: "result.json", want: []string{"result.json"}},
		{name: "repeats in order of N", files: []string{"run-10/result.json", "run-2/result.json", "run-1/result.json", "run-x/result.json", "run-3/summary.md"},
			want: []string{"run-1/result.json", "run-2/result.json", "run-10/result.json"}},
		{name: "no result", files: []string{"summary.md", "run-1/summary.md"}, err: "holds no result.json (nor run-N/result.json)"},
		{name: "missing", arg: "nowhere", err: "cannot read run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tt.files {
				p := filepath.Join(dir, f)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Files(filepath.Join(dir, tt.arg))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Files: %v, want an error containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, filepath.Join(dir, w))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Files = %v, want %v", got, want)
			}
		})
	}
}
