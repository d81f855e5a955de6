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
	return benchresult.RenderEach(path, func(dir string, r *benchresult.Result) (string, error) {
		out := filepath.Join(dir, SummaryFile)
		return out, writeMarkdown(r, out)
	})
}

// RenderFile reads a result file and writes its Markdown report to out.
func RenderFile(resultFile, out string) error {
	r, err := benchresult.Read(resultFile)
	if err != nil {
		return err
	}
	return writeMarkdown(r, out)
}

func writeMarkdown(r *benchresult.Result, out string) error {
	var buf bytes.Buffer
	if err := Markdown(&buf, r); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("failed to write the report %s: %w", out, err)
	}
	return nil
}
