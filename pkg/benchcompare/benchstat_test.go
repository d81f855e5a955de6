package benchcompare

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/perf/benchfmt"
)

// TestBenchstatReadable writes two sides and reads them back with
// benchfmt's reader, as benchstat would.
func TestBenchstatReadable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteBenchstat(&buf, []*Side{side("runs/a", 100, 101), side("runs/b", 120)}); err != nil {
		t.Fatal(err)
	}
	type line struct{ run, name string }
	got := map[line][]float64{}
	r := benchfmt.NewReader(&buf, "compare.txt")
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.SyntaxError:
			t.Fatalf("benchfmt cannot read line %d: %v\n%s", rec.Line, rec, buf.String())
		case *benchfmt.Result:
			if rec.Iters != 1 {
				t.Errorf("%s: %d iterations, want 1", rec.Name, rec.Iters)
			}
			if v, ok := rec.Value("pods/s"); ok {
				got[line{rec.GetConfig("run"), rec.Name.String()}] = append(got[line{rec.GetConfig("run"), rec.Name.String()}], v)
			}
			if rec.GetConfig("workload") != "SchedulingBasic" || rec.GetConfig("cpu") != "AMD EPYC 7B13" {
				t.Errorf("%s: config %v lacks workload or cpu", rec.Name, rec.Config)
			}
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	want := map[line][]float64{
		{"runs/a", "SchedulingBasic/op=measure/throughput-2"}: {100, 101},
		{"runs/b", "SchedulingBasic/op=measure/throughput-2"}: {120},
	}
	if len(got) != len(want) {
		t.Fatalf("read %v, want %v", got, want)
	}
	for k, v := range want {
		if g := got[k]; len(g) != len(v) || g[0] != v[0] {
			t.Errorf("%v: %v, want %v", k, g, v)
		}
	}
	units := r.Units()
	for unit, better := range map[string]int{"pods/s": 1, "p99-pods/s": 1, "p99-sec": -1, "cpu-sec": -1} {
		if got := units.GetBetter(unit); got != better {
			t.Errorf("unit %s: better %d, want %d", unit, got, better)
		}
	}
}

func TestBenchstatLines(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteBenchstat(&buf, []*Side{side("runs/a", 312.4)}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Unit pods/s better=higher\n",
		"run: runs/a\nworkload: SchedulingBasic\n",
		"BenchmarkSchedulingBasic/op=measure/throughput-2 1 312.4 pods/s 100 p50-pods/s 120 p90-pods/s 130 p99-pods/s 130 max-pods/s\n",
		"BenchmarkSchedulingBasic/op=measure/startup/phase=pod_startup-2 1 0.6 p50-sec 1.4 p90-sec 2.25 p99-sec\n",
		"BenchmarkSchedulingBasic/op=measure/extension_point/point=Filter-2 1 0.004 p99-sec\n",
		"BenchmarkSchedulingBasic/op=measure/CPU/component=kube-scheduler-2 1 6 cpu-sec\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
