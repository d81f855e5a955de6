package benchreport

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// SummaryFile is the Markdown report beside each result file.
const SummaryFile = "summary.md"

// Rerender writes summary.md anew beside every result file of a run dir
// (see benchresult.Files) and returns the files it wrote.
func Rerender(path string) ([]string, error) {
	files, err := benchresult.Files(path)
	if err != nil {
		return nil, err
	}
	var written []string
	for _, f := range files {
		out := filepath.Join(filepath.Dir(f), SummaryFile)
		if err := RenderFile(f, out); err != nil {
			return written, err
		}
		written = append(written, out)
	}
	return written, nil
}

// RenderFile reads a result file and writes its Markdown report to out.
func RenderFile(resultFile, out string) error {
	r, err := benchresult.Read(resultFile)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := Markdown(&buf, r); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("failed to write the report of %s: %w", resultFile, err)
	}
	return nil
}
