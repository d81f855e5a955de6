package benchcompare

import (
	"fmt"
	"strings"

	"github.com/kmctl/kmctl/pkg/benchreport"
	"github.com/kmctl/kmctl/pkg/benchresult"
)

// sideNotes warns about sides that differ in what they ran or where, and
// about runs that stopped early.
func sideNotes(sides []*Side) []string {
	var out []string
	describe := map[string]func(*benchresult.Result) string{
		"workload":   func(r *benchresult.Result) string { return r.Workload },
		"params":     func(r *benchresult.Result) string { return formatParams(r.Params) },
		"Kubernetes": func(r *benchresult.Result) string { return r.Environment.KubeVersion },
		"runtime":    func(r *benchresult.Result) string { return r.Environment.Runtime },
		"cores":      func(r *benchresult.Result) string { return fmt.Sprint(r.Environment.Cores) },
		"CPU model":  func(r *benchresult.Result) string { return r.Environment.CPUModel },
	}
	for _, what := range []string{"workload", "params", "Kubernetes", "runtime", "cores", "CPU model"} {
		if n := differs(sides, describe[what]); n != "" {
			msg := fmt.Sprintf("the runs differ in %s: %s", what, n)
			if what == "workload" {
				msg += "; ops with the same name are compared"
			}
			out = append(out, msg)
		}
	}
	for _, s := range sides {
		for i, r := range s.Results {
			if r.Error != "" {
				out = append(out, fmt.Sprintf("%s stopped early: %s", s.Files[i], r.Error))
			}
		}
	}
	return out
}

// differs lists each side's distinct values of an attribute when they are
// not all the same, and returns "" when they are.
func differs(sides []*Side, value func(*benchresult.Result) string) string {
	all := map[string]bool{}
	per := make([]string, len(sides))
	for i, s := range sides {
		var vals []string
		mine := map[string]bool{}
		for _, r := range s.Results {
			v := value(r)
			all[v] = true
			if !mine[v] {
				mine[v] = true
				vals = append(vals, v)
			}
		}
		per[i] = fmt.Sprintf("%s %s", s.Label, orNone(strings.Join(vals, ", ")))
	}
	if len(all) <= 1 {
		return ""
	}
	return strings.Join(per, "; ")
}

func formatParams(p map[string]string) string {
	names := benchreport.SortedKeys(p)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + "=" + p[n]
	}
	return strings.Join(parts, " ")
}

// sidesWithout lists the sides on which no run measured op name.
func sidesWithout(sides []*Side, name string) []*Side {
	var out []*Side
	for _, s := range sides {
		found := false
		for _, r := range s.Results {
			found = found || measured(r, name) != nil
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}

// opsOnlyLater notes measured ops of later sides that the first lacks.
func opsOnlyLater(sides []*Side) []string {
	first := map[string]bool{}
	for _, n := range sides[0].measuredOps() {
		first[n] = true
	}
	var out []string
	for _, s := range sides[1:] {
		for _, n := range s.measuredOps() {
			if !first[n] {
				out = append(out, fmt.Sprintf("op %s is not measured in %s: skipped", n, sides[0].Label))
			}
		}
	}
	return out
}

func opLists(sides []*Side) string {
	parts := make([]string, len(sides))
	for i, s := range sides {
		parts[i] = fmt.Sprintf("%s has %s", s.Label, orNone(strings.Join(s.measuredOps(), ", ")))
	}
	return strings.Join(parts, "; ")
}

func joinLabels(sides []*Side) string {
	labels := make([]string, len(sides))
	for i, s := range sides {
		labels[i] = s.Label
	}
	return strings.Join(labels, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// dedupe drops repeated notes, keeping the first of each.
func dedupe(notes []string) []string {
	seen := map[string]bool{}
	out := notes[:0]
	for _, n := range notes {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
