package compare

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/benchresult/benchresulttest"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// runDir writes a run dir of one result per average throughput: a single
// result.json, or run-N/ dirs for several.
func runDir(t *testing.T, avgs ...float64) string {
	t.Helper()
	dir := t.TempDir()
	for i, avg := range avgs {
		r := benchresulttest.Full()
		r.Error = ""
		r.Repeat = i + 1
		r.Ops[1].Metrics.SchedulingThroughput.Average = avg
		d := dir
		if len(avgs) > 1 {
			d = filepath.Join(dir, "run-"+string(rune('1'+i)))
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
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

func TestCompare(t *testing.T) {
	a, b := runDir(t, 100, 101, 102, 103), runDir(t, 120, 121, 122, 123)
	out, _, err := execute(t, a, filepath.Join(b, "run-1", "..")) // a dir given any way
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"op measure", "throughput avg (pods/s)", "+19.70% (p=0.029 n=4)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCompareWritesMarkdown(t *testing.T) {
	a, b := runDir(t, 100), runDir(t, 110)
	file := filepath.Join(t.TempDir(), "compare.md")
	out, errOut, err := execute(t, filepath.Join(a, "result.json"), b, "-o", file)
	if err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(md), "# kmctl bench compare") || !strings.Contains(string(md), "| throughput avg (pods/s) | 100.0 | 110.0 | +10.00% |") {
		t.Errorf("%s is not the Markdown comparison:\n%s", file, md)
	}
	if !strings.Contains(out, "(n<3, no significance test: Δ B)") || !strings.Contains(errOut, "Wrote "+file) {
		t.Errorf("stdout %q / stderr %q: want the text table and where the file went", out, errOut)
	}
}

func TestCompareBenchstatOneDir(t *testing.T) {
	out, _, err := execute(t, runDir(t, 312.4), "--format", "benchstat")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "BenchmarkSchedulingBasic/op=measure/throughput-2 1 312.4 pods/s") {
		t.Errorf("output lacks the throughput line:\n%s", out)
	}
}

func TestCompareRefuses(t *testing.T) {
	empty := t.TempDir()
	other := runDir(t, 100)
	r, err := benchresult.Read(filepath.Join(other, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	r.APIVersion = "kmctl.dev/v2"
	if err := r.Write(filepath.Join(other, "result.json")); err != nil {
		t.Fatal(err)
	}
	good := runDir(t, 100)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{good}, "compare needs two run dirs or more, got 1"},
		{[]string{good, good, "--format", "html"}, `unknown --format "html"`},
		{[]string{good, empty}, "holds no result.json (nor run-N/result.json)"},
		{[]string{good, other}, `has result schema "kmctl.dev/v2"`},
		{[]string{good, filepath.Join(empty, "nowhere")}, "cannot read run"},
	}
	for _, tt := range tests {
		if _, _, err := execute(t, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want one containing %q", tt.args, err, tt.want)
		}
	}
}
