package benchhtml

import (
	"path/filepath"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// Rerender writes report.html anew beside every result file of a run dir
// (see benchresult.Files) and returns the files it wrote.
func Rerender(path string) ([]string, error) {
	return benchresult.RenderEach(path, func(dir string, r *benchresult.Result) (string, error) {
		out := filepath.Join(dir, FileName)
		return out, WriteFile(out, r)
	})
}
