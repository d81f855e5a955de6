package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/benchreport"
	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/benchresult/benchresulttest"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// runDir writes a run dir of n repeats (a plain result.json for one).
func runDir(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 1; i <= n; i++ {
		d := dir
		if n > 1 {
			d = filepath.Join(dir, "run-"+string(rune('0'+i)))
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		r := benchresulttest.Full()
		r.Repeat = i
		if err := r.Write(filepath.Join(d, benchresult.FileName)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func execute(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := NewCommand(&cmd.Globals{Out: &out, ErrOut: &errOut})
	c.SetArgs(args)
	c.SetOut(&errOut)
	c.SetErr(&errOut)
	err = c.Execute()
	return out.String(), errOut.String(), err
}

func TestReportRewritesEverySummary(t *testing.T) {
	dir := runDir(t, 2)
	_, errOut, err := execute(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"1", "2"} {
		file := filepath.Join(dir, "run-"+n, benchreport.SummaryFile)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "# SchedulingBasic\n\nRun "+n+" of builtin:SchedulingBasic") {
			t.Errorf("%s does not start with its title and run:\n%s", file, data)
		}
		if !strings.Contains(errOut, "Wrote "+file) {
			t.Errorf("stderr %q does not name %s", errOut, file)
		}
	}
}

func TestReportToStdout(t *testing.T) {
	dir := runDir(t, 1)
	out, _, err := execute(t, filepath.Join(dir, benchresult.FileName), "-o", "-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "## Op measure (createPods)") {
		t.Errorf("stdout is not the report:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, benchreport.SummaryFile)); err == nil {
		t.Error("-o - also wrote summary.md")
	}
}

func TestReportRefuses(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{runDir(t, 2), "-o", "-"}, "holds 2 results; -o takes one"},
		{[]string{t.TempDir()}, "holds no result.json"},
		{nil, "accepts 1 arg(s), received 0"},
	}
	for _, tt := range tests {
		if _, _, err := execute(t, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want one containing %q", tt.args, err, tt.want)
		}
	}
}
