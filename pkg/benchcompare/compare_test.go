package benchcompare

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/benchresult/benchresulttest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.*")

// run is the fixture result with the measured op's average throughput and
// scheduler CPU set.
func run(avg, cpu float64) *benchresult.Result {
	r := benchresulttest.Full()
	r.Error = ""
	m := r.Ops[1].Metrics
	m.SchedulingThroughput.Average = avg
	m.Usage[1].CPUSeconds = cpu
	return r
}

// side is a side of one run per average throughput, with CPU rising
// by one second a run.
func side(label string, avgs ...float64) *Side {
	s := &Side{Label: label}
	for i, a := range avgs {
		s.Results = append(s.Results, run(a, 6+float64(i)))
		s.Files = append(s.Files, fmt.Sprintf("%s/run-%d/result.json", label, i+1))
	}
	return s
}

// rowOf finds a figure's row in the only op.
func rowOf(t *testing.T, c *Comparison, label string) Row {
	t.Helper()
	for _, r := range c.Ops[0].Rows {
		if r.Figure.Label() == label {
			return r
		}
	}
	t.Fatalf("no row %q", label)
	return Row{}
}

func TestCompareDeltaAndSignificance(t *testing.T) {
	tests := []struct {
		name        string
		a, b        []float64
		wantDelta   string
		significant bool
		untested    bool
		note        string
	}{
		{name: "one run each: the delta, untested", a: []float64{100}, b: []float64{125},
			wantDelta: "+25.00%", untested: true},
		{name: "two runs each: medians, untested", a: []float64{100, 110}, b: []float64{90, 100},
			wantDelta: "-9.52%", untested: true},
		{name: "clearly different", a: []float64{100, 101, 102, 103, 104}, b: []float64{120, 121, 122, 123, 124},
			wantDelta: "+19.61% (p=0.008 n=5)", significant: true},
		{name: "overlapping", a: []float64{100, 110, 120, 105, 115}, b: []float64{108, 112, 116, 118, 125},
			wantDelta: "~ (p=0.310 n=5)"},
		{name: "three each can never reach alpha 0.05", a: []float64{100, 101, 102}, b: []float64{200, 201, 202},
			wantDelta: "~ (p=0.100 n=3)", note: "need >= 4 samples to detect a difference at alpha level 0.05"},
		{name: "zero before", a: []float64{0}, b: []float64{5}, wantDelta: "?", untested: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Compare([]*Side{side("a", tt.a...), side("b", tt.b...)})
			if err != nil {
				t.Fatal(err)
			}
			cell := rowOf(t, c, "throughput avg").Cells[1]
			if got := formatDelta(cell); got != tt.wantDelta {
				t.Errorf("delta %q, want %q", got, tt.wantDelta)
			}
			if cell.Delta.Significant() != tt.significant {
				t.Errorf("significant = %v, want %v", cell.Delta.Significant(), tt.significant)
			}
			if (len(c.Untested) > 0) != tt.untested {
				t.Errorf("Untested = %v, want %v", c.Untested, tt.untested)
			}
			if tt.note != "" && !strings.Contains(strings.Join(c.Notes, "\n"), tt.note) {
				t.Errorf("notes %q lack %q", c.Notes, tt.note)
			}
		})
	}
}

func TestCompareOpsAndFigures(t *testing.T) {
	a, b := side("a", 100), side("b", 110)
	b.Results[0].Workload = "Other"
	delete(b.Results[0].Ops[1].Metrics.Scheduler.ExtensionPoints, "Score")
	extra := b.Results[0].Ops[1]
	extra.Name = "later"
	b.Results[0].Ops = append(b.Results[0].Ops, extra)
	c, err := Compare([]*Side{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Ops) != 1 || c.Ops[0].Name != "measure" {
		t.Fatalf("ops %v, want only measure", c.Ops)
	}
	notes := strings.Join(c.Notes, "\n")
	for _, want := range []string{
		"the runs differ in workload: a SchedulingBasic; b Other; ops with the same name are compared",
		"op later is not measured in a: skipped",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
	score := rowOf(t, c, "extension point Score p99")
	if got := formatValue(Seconds, score.Cells[1]); got != "-" || score.Cells[1].Delta != nil {
		t.Errorf("a figure missing on B shows %q with delta %v, want - and none", got, score.Cells[1].Delta)
	}
	var labels []string
	for _, r := range c.Ops[0].Rows {
		labels = append(labels, r.Figure.Label())
	}
	want := "throughput avg, throughput p50, throughput p90, throughput p99, throughput max, " +
		"startup create_to_schedule p50, startup create_to_schedule p90, startup create_to_schedule p99, " +
		"startup schedule_to_run p50, startup schedule_to_run p90, startup schedule_to_run p99, " +
		"startup pod_startup p50, startup pod_startup p90, startup pod_startup p99, " +
		"attempt scheduled p50, attempt scheduled p99, SLI p99, extension point Filter p99, extension point Score p99, " +
		"apiserver mutating max-p99, apiserver read max-p99, CPU kube-apiserver, CPU kube-scheduler"
	if got := strings.Join(labels, ", "); got != want {
		t.Errorf("figures\n %s\nwant\n %s", got, want)
	}
}

func TestCompareRefuses(t *testing.T) {
	none := side("b", 100)
	none.Results[0].Ops[1].Name = "elsewhere"
	tests := []struct {
		name  string
		sides []*Side
		want  string
	}{
		{"one side", []*Side{side("a", 1)}, "compare needs two run dirs or more, got 1"},
		{"no op in common", []*Side{side("a", 1), none}, "no measured op is in every run (a has measure; b has elsewhere)"},
	}
	for _, tt := range tests {
		if _, err := Compare(tt.sides); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestStoppedEarlyIsNoted(t *testing.T) {
	a := side("a", 100)
	a.Results[0].Error = "op 3 failed"
	c, err := Compare([]*Side{a, side("b", 100)})
	if err != nil {
		t.Fatal(err)
	}
	if want := "a/run-1/result.json stopped early: op 3 failed"; !strings.Contains(strings.Join(c.Notes, "\n"), want) {
		t.Errorf("notes %q lack %q", c.Notes, want)
	}
}

// TestGoldenText holds the text and Markdown of three sides: two of five
// runs that differ, and a single run.
func TestGoldenText(t *testing.T) {
	c, err := Compare([]*Side{
		side("runs/a", 100, 101, 102, 103, 104),
		side("runs/b", 120, 121, 122, 123, 124),
		side("runs/c", 99),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"testdata/compare.golden.txt", func(b *bytes.Buffer) error { return WriteText(b, c) }},
		{"testdata/compare.golden.md", func(b *bytes.Buffer) error { return WriteMarkdown(b, c) }},
	} {
		var got bytes.Buffer
		if err := g.write(&got); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, g.file, got.Bytes())
	}
}

func checkGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it if meant):\n%s", file, got)
	}
}
