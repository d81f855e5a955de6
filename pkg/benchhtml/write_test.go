package benchhtml

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/benchhtml/benchhtmltest"
	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/benchresult/benchresulttest"
)

const hostile = "<script>alert(1)</script>"

func render(t *testing.T, r *benchresult.Result) parsed {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return parsePage(t, buf.Bytes())
}

// TestWriteFull renders a result where every chart has data, with a
// hostile string where the tables and where the charts' labels show it.
func TestWriteFull(t *testing.T) {
	r := benchresulttest.Full()
	r.Params["hostile"] = hostile
	m := r.Ops[1].Metrics
	m.Timeline[0].CPU[hostile] = 0.5
	m.Scheduler.Plugins[hostile] = m.Scheduler.Plugins["NodeResourcesFit/Filter"]
	p := render(t, r)

	ids := p.svgIDs()
	if len(p.svgs) != len(ChartKinds()) {
		t.Errorf("got %d <svg> elements, want one per chart (%d): %v", len(p.svgs), len(ChartKinds()), ids)
	}
	for _, kind := range ChartKinds() {
		if got := ids[ChartID(1, kind)]; got != kind {
			t.Errorf("no <svg id=%q data-chart=%q> in the report (ids: %v)", ChartID(1, kind), kind, ids)
		}
	}
	if strings.Contains(p.raw, hostile) {
		t.Errorf("the report holds %q unescaped", hostile)
	}
	if n := strings.Count(p.raw, "&lt;script&gt;alert(1)&lt;/script&gt;"); n < 3 {
		t.Errorf("the hostile string shows escaped %d times, want it in the params, the CPU legend and the plugins", n)
	}
	checkOffline(t, p)
	for _, want := range []string{r.Error, "--node-monitor-grace-period", "kubescheduler.config.k8s.io/v1", "runtime.mallocgc", "AMD EPYC 7B13"} {
		if !strings.Contains(p.raw, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestWriteEmpty renders a run that stopped before measuring anything.
func TestWriteEmpty(t *testing.T) {
	r := &benchresult.Result{APIVersion: benchresult.APIVersion, Kind: benchresult.Kind, Workload: "SchedulingBasic",
		Ops: []benchresult.Op{{Index: 0, Op: "createNodes", Name: "nodes"}}, Error: "op 0 (nodes) failed: " + hostile}
	p := render(t, r)
	if len(p.svgs) != 0 {
		t.Errorf("got %d charts for a run without measured ops", len(p.svgs))
	}
	if !strings.Contains(p.raw, "op 0 (nodes) failed: &lt;script&gt;") || strings.Contains(p.raw, hostile) {
		t.Errorf("the report does not show the error escaped:\n%s", p.raw)
	}
	if !strings.Contains(p.raw, `id="no-measured-ops"`) {
		t.Error("the report does not say that no op was measured")
	}
	checkOffline(t, p)
}

// TestWriteNoData gives each chart of a measured op without figures a
// note instead of an empty drawing.
func TestWriteNoData(t *testing.T) {
	r := &benchresult.Result{Ops: []benchresult.Op{{Index: 3, Op: "createPods", Name: "empty", Metrics: &benchresult.Metrics{}}}}
	p := render(t, r)
	if len(p.svgs) != 0 {
		t.Errorf("got charts %v for an op without figures", p.svgIDs())
	}
	for _, kind := range ChartKinds() {
		if !strings.Contains(p.raw, `id="`+ChartID(3, kind)+`-nodata">no data<`) {
			t.Errorf("chart %s has no \"no data\" note", kind)
		}
	}
}

func TestWriteNil(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("Write of no result succeeded")
	}
}

// TestWriteFile writes the page whole and leaves no temp file behind.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	r := benchresulttest.Full()
	if err := WriteFile(path, r); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := Write(&want, r); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the file differs from Write's page (err %v)", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the dir holds %d files, want only %s", len(entries), FileName)
	}
	if err := WriteFile(filepath.Join(dir, "missing", FileName), r); err == nil {
		t.Error("WriteFile into a missing dir succeeded")
	}
}

// TestSize keeps the report of a typical run, and of an hour-long one
// whose lines are thinned, well under a megabyte.
func TestSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  benchhtmltest.Run
		max  int
	}{
		{"5000 pods", benchhtmltest.Run{Nodes: 1000, Pods: 5000, BindRate: 120, Seed: 1}, 150 << 10},
		{"10000 pods", benchhtmltest.Run{Nodes: 5000, Pods: 10000, BindRate: 120, Seed: 1}, 200 << 10},
		{"hour", benchhtmltest.Run{Nodes: 5000, Pods: 360000, BindRate: 100, Seed: 1}, 600 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tc.run.Result()); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d bytes", tc.name, buf.Len())
			if buf.Len() > tc.max {
				t.Errorf("the report is %d bytes, want at most %d", buf.Len(), tc.max)
			}
			if p := parsePage(t, buf.Bytes()); len(p.svgs) != len(ChartKinds()) {
				t.Errorf("got %d charts, want %d", len(p.svgs), len(ChartKinds()))
			}
		})
	}
}
