package benchreport

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/benchresult/benchresulttest"
)

var update = flag.Bool("update", false, "rewrite testdata/summary.golden.md")

const golden = "testdata/summary.golden.md"

func TestMarkdownGolden(t *testing.T) {
	var got bytes.Buffer
	if err := Markdown(&got, benchresulttest.Full()); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("summary differs from %s (go test -update rewrites it if meant):\n%s", golden, got.String())
	}
}

// TestMarkdownVerdicts checks what a reader acts on: a failed SLO, a
// failed threshold, measuring over its target.
func TestMarkdownVerdicts(t *testing.T) {
	r := benchresulttest.Full()
	r.Ops[1].Metrics.APIServer.Requests[0].Perc99 = 1.5
	r.MeasuringCost.CoreShare = 0.05
	var out bytes.Buffer
	if err := Markdown(&out, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| POST | pods | resource | 1000 | 0 | 1.50s | 1.00s | **fail** |",
		"| measure | SchedulingThroughput | Average | >= 100 | 97.5 | **fail** |",
		"| measure | pod_startup | Perc99 | <= 5 | 2.25 | pass |",
		"5.00% of a core over the measured ops (**over** the 2% target)",
		"**Stopped early:** op 2 (cleanup) failed",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestMarkdownUnmeasured renders a run that measured nothing.
func TestMarkdownUnmeasured(t *testing.T) {
	r := &benchresult.Result{APIVersion: benchresult.APIVersion, Kind: benchresult.Kind, Workload: "Empty",
		Ops: []benchresult.Op{{Op: "sleep", Name: "wait"}}}
	var out bytes.Buffer
	if err := Markdown(&out, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "### ") || !strings.Contains(out.String(), "| 0 | sleep | wait |") {
		t.Errorf("unexpected report of a run without measured ops:\n%s", out.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestMarkdownWriteError(t *testing.T) {
	if err := Markdown(failWriter{}, benchresulttest.Full()); err == nil {
		t.Error("Markdown to a failing writer returned no error")
	}
}
