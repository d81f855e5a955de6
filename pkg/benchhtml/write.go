package benchhtml

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// FileName is the HTML report beside each result file.
const FileName = "report.html"

//go:embed report.html.tmpl
var pageTemplate string

// report escapes every value it is given; only the charts' SVG, which
// gonum/plot writes with its text escaped, goes in as HTML.
var report = template.Must(template.New("report").Parse(pageTemplate))

// Write renders r as one self-contained HTML page: the run and its
// environment, a section of charts and tables for each measured op, the
// thresholds, the cost of measuring and the profiles.
func Write(w io.Writer, r *benchresult.Result) error {
	if r == nil {
		return errors.New("no bench result to render")
	}
	var buf bytes.Buffer
	if err := report.Execute(&buf, newPage(r)); err != nil {
		return fmt.Errorf("failed to render the HTML report of %s: %w", r.Workload, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// WriteFile writes r's report to path through a temp file beside it and a
// rename, so a reader never sees half a page.
func WriteFile(path string, r *benchresult.Result) (err error) {
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("failed to write the HTML report: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	_, err = buf.WriteTo(tmp)
	if err = errors.Join(err, tmp.Chmod(0o644), tmp.Close()); err != nil {
		return fmt.Errorf("failed to write the HTML report %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("failed to write the HTML report %s: %w", path, err)
	}
	return nil
}
