package benchcompare

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/perf/benchfmt"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// WriteBenchstat writes every run of every side in the Go benchmark format,
// one line per repeat, op and group of figures:
//
//	BenchmarkSchedulingBasic/op=measure/throughput-2 1 97.5 pods/s 100 p50-pods/s ...
//
// The -N suffix is the machine's cores. Each side's lines follow its
// configuration (run: DIR, workload, kube-version, runtime, cpu), so
// `benchstat -col run FILE` compares the sides; unit lines first say which
// way each unit is better.
func WriteBenchstat(w io.Writer, sides []*Side) error {
	var units, results []benchfmt.Record
	seen := map[string]bool{}
	for _, s := range sides {
		for _, r := range s.Results {
			for _, res := range benchResults(s.Label, r, func(unit string, higher bool) {
				if !seen[unit] {
					seen[unit] = true
					units = append(units, unitBetter(unit, higher))
				}
			}) {
				results = append(results, res)
			}
		}
	}
	bw := benchfmt.NewWriter(w)
	for _, rec := range append(units, results...) {
		if err := bw.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

// benchUnit is a figure's unit in the benchmark format: the stat prefixed
// to the unit ("p99-sec"), except the average throughput, which is
// scheduler_perf's headline "pods/s".
func benchUnit(u Unit, stat string) string {
	if stat == "" || (stat == "avg" && u == PodsPerSecond) {
		return u.Bench
	}
	return stat + "-" + u.Bench
}

func unitBetter(unit string, higher bool) *benchfmt.UnitMetadata {
	better := "lower"
	if higher {
		better = "higher"
	}
	return &benchfmt.UnitMetadata{
		UnitMetadataKey: benchfmt.UnitMetadataKey{Unit: unit, Key: "better"},
		OrigUnit:        unit, Value: better,
	}
}

// benchResults are the lines of one run: per measured op, one per group of
// figures (throughput, a startup phase, an extension point...). It passes
// each unit it writes to unit.
func benchResults(label string, r *benchresult.Result, unit func(name string, higher bool)) []*benchfmt.Result {
	config := []benchfmt.Config{
		fileConfig("run", label), fileConfig("workload", r.Workload),
		fileConfig("kube-version", r.Environment.KubeVersion),
		fileConfig("runtime", r.Environment.Runtime), fileConfig("cpu", r.Environment.CPUModel),
	}
	var out []*benchfmt.Result
	for _, op := range r.Ops {
		if op.Metrics == nil {
			continue
		}
		var cur *benchfmt.Result
		for _, f := range Figures(op.Metrics) {
			name := benchName(r, op.Name, f)
			if cur == nil || string(cur.Name) != name {
				cur = &benchfmt.Result{Config: config, Name: benchfmt.Name(name), Iters: 1}
				out = append(out, cur)
			}
			u := benchUnit(f.Unit, f.Stat)
			unit(u, f.Unit.HigherIsBetter)
			cur.Values = append(cur.Values, benchfmt.Value{Value: f.Value, Unit: u})
		}
	}
	return out
}

// fileConfig is a configuration line; a value is one line.
func fileConfig(key, value string) benchfmt.Config {
	return benchfmt.Config{Key: key, Value: []byte(strings.ReplaceAll(value, "\n", " ")), File: true}
}

// benchName is Workload/op=OP/GROUP[/KEY]-CORES.
func benchName(r *benchresult.Result, op string, f Figure) string {
	parts := []string{nameSafe(r.Workload), "op=" + nameSafe(op), nameSafe(f.Group)}
	if f.Key != "" {
		parts = append(parts, nameSafe(f.Key))
	}
	return fmt.Sprintf("%s-%d", strings.Join(parts, "/"), max(r.Environment.Cores, 1))
}

// nameSafe replaces what would split a benchmark name or one of its parts:
// white space and slashes.
func nameSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '/' {
			return '_'
		}
		return r
	}, s)
}
