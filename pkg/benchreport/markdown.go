package benchreport

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// Markdown writes the report of one run: what ran and where, then each
// measured op, the thresholds, the cost of measuring and the profiles.
func Markdown(w io.Writer, r *benchresult.Result) error {
	m := &mdWriter{w: w}
	header(m, r)
	environment(m, r.Environment)
	opsTable(m, r.Ops)
	for _, op := range r.Ops {
		if op.Metrics != nil {
			measuredOp(m, op)
		}
	}
	thresholds(m, r.Thresholds)
	measuringCost(m, r.MeasuringCost)
	profiles(m, r.Profiles)
	schedulerConfig(m, r.Environment.SchedulerConfig)
	return m.err
}

func header(m *mdWriter, r *benchresult.Result) {
	m.heading(1, "%s", r.Workload)
	run := fmt.Sprintf("Run %d of %s on cluster %s", max(r.Repeat, 1), r.Source, r.Cluster)
	if len(r.Params) > 0 {
		run += ", with " + params(r.Params)
	}
	m.para("%s: %s to %s (%s).", run, r.Started.UTC().Format(time.RFC3339), r.Finished.UTC().Format(time.RFC3339),
		Seconds(r.Finished.Sub(r.Started).Seconds()))
	if r.Error != "" {
		m.para("**Stopped early:** %s", r.Error)
	}
}

func params(p map[string]string) string {
	var parts []string
	for _, k := range SortedKeys(p) {
		parts = append(parts, fmt.Sprintf("`%s=%s`", k, p[k]))
	}
	return strings.Join(parts, " ")
}

func environment(m *mdWriter, e benchresult.Environment) {
	m.heading(2, "Environment")
	m.table([]string{"", "value"}, [][]string{
		{"kmctl", e.KmctlVersion}, {"Kubernetes", e.KubeVersion}, {"etcd", e.EtcdVersion},
		{"Prometheus", e.PrometheusVersion}, {"Go", e.GoVersion}, {"runtime", e.Runtime},
		{"cores", fmt.Sprint(e.Cores)}, {"memory", Bytes(float64(e.MemoryBytes))}, {"CPU", e.CPUModel},
	})
	if len(e.Changed) == 0 {
		return
	}
	m.para("Settings away from the upstream defaults (kmctl's, with why, and the user's own):")
	rows := make([][]string, len(e.Changed))
	for i, s := range e.Changed {
		rows[i] = []string{s.Component, "`" + s.Name + "`", s.Value, dash(s.Upstream), dash(s.Why)}
	}
	m.table([]string{"component", "setting", "value", "upstream", "why"}, rows)
}

func opsTable(m *mdWriter, ops []benchresult.Op) {
	m.heading(2, "Ops")
	rows := make([][]string, len(ops))
	for i, op := range ops {
		measured := ""
		if op.Metrics != nil {
			measured = "yes"
		}
		rows[i] = []string{fmt.Sprint(op.Index), op.Op, op.Name, Seconds(time.Duration(op.Took).Seconds()), count(op.Pods), measured}
	}
	m.table([]string{"#", "op", "name", "took", "pods", "measured"}, rows)
}

func schedulerConfig(m *mdWriter, cfg string) {
	if cfg == "" {
		return
	}
	m.heading(2, "Scheduler configuration")
	m.line("```yaml")
	m.line("%s", strings.TrimRight(cfg, "\n"))
	m.para("```")
}

// dash stands in for an empty cell.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func count(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}
