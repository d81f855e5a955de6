package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/cluster"
)

// Printer writes the report to a terminal as the run goes.
type Printer struct {
	w       io.Writer
	started bool
}

// NewPrinter returns a printer writing to w.
func NewPrinter(w io.Writer) *Printer { return &Printer{w: w} }

// textFormat aligns the columns of the text table.
const textFormat = "%-50s %-40s %-22s %-24s %-30s %s"

// Row prints one figure, with the header before the first.
func (p *Printer) Row(r Row) {
	if !p.started {
		p.started = true
		p.line(textFormat, "STEP", "RESULT", "TARGET", "UPSTREAM", "APISERVER CEILING", "")
	}
	p.line(textFormat, r.Step, r.Result, r.Target, r.Upstream, r.Apiserver, r.Verdict)
}

// line prints one line without trailing blanks.
func (p *Printer) line(format string, args ...any) {
	fmt.Fprintln(p.w, strings.TrimRight(fmt.Sprintf(format, args...), " "))
}

// Intervals prints a pod step's per-interval rates.
func (p *Printer) Intervals(ps meter.PodStep) {
	if !ps.Sampled {
		return
	}
	fmt.Fprintf(p.w, "    %-14s %8s %10s %10s %8s %8s %13s %7s %13s\n", "interval", "bound", "binding/s", "Running/s", "ratio", "backlog", "in simulator", "queued", "status write")
	for _, iv := range ps.Rates.Intervals {
		fmt.Fprintf(p.w, "    %-14s %8.0f %10s %10s %8s %8.0f %13.0f %7.0f %13s\n",
			span(iv), iv.Bound, meter.FmtRate(iv.BindRate), meter.FmtRate(iv.RunRate), ratioCell(iv), iv.Backlog, iv.InSimulator, iv.Queued, writeCell(iv))
	}
}

// Idle prints each component's idle cost.
func (p *Printer) Idle(idle *Idle) {
	fmt.Fprintf(p.w, "    %-24s %10s %10s %10s\n", "component", "CPU", "RSS", "peak RSS")
	for _, u := range idle.Components {
		if u.Err != "" {
			fmt.Fprintf(p.w, "    %-24s %s\n", u.Name, u.Err)
			continue
		}
		fmt.Fprintf(p.w, "    %-24s %9.1f%% %10s %10s\n", u.Name, u.CPU, fmtMiB(u.RSS), fmtMiB(u.PeakRSS))
	}
}

// CPU prints where the CPU went during one step.
func (p *Printer) CPU(s StepCPU) {
	parts := make([]string, 0, len(CPUColumns))
	for i, name := range CPUColumns {
		if s.Seconds[i] >= 0 {
			parts = append(parts, fmt.Sprintf("%s %.1f s", name, s.Seconds[i]))
		}
	}
	fmt.Fprintf(p.w, "    CPU during %s (%s): %s; %.2f cores busy; watches the apiserver dropped: %s\n",
		s.Step, meter.FmtDuration(s.Took), strings.Join(parts, ", "), s.Busy(), fmtDropped(s.Dropped))
}

// span prints an interval as "10–20 s".
func span(iv meter.Interval) string {
	return fmt.Sprintf("%.0f–%.0f s", iv.From.Seconds(), iv.To.Seconds())
}

// writeCell is the interval's mean pod status write latency, "-" without writes.
func writeCell(iv meter.Interval) string {
	if iv.WriteLatency <= 0 {
		return "-"
	}
	return meter.FmtSeconds(iv.WriteLatency.Seconds())
}

// ratioCell prints the Running/binding ratio, or "-" when too few pods were bound.
func ratioCell(iv meter.Interval) string {
	if !iv.Comparable {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*iv.Ratio())
}

// WriteFile writes the report as Markdown to path, creating its directory.
func (r *Report) WriteFile(path string) error {
	var b strings.Builder
	r.Markdown(&b)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("cannot write the report: %w", err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("cannot write the report: %w", err)
	}
	return nil
}

// Markdown renders the whole report.
func (r *Report) Markdown(w io.Writer) {
	o := r.Options
	fmt.Fprintf(w, "# kmctl benchmark\n\n")
	fmt.Fprintf(w, "Run %s on %s, Kubernetes %s, binary runtime, cluster `%s`.\n",
		r.Started.UTC().Format(time.RFC3339), r.Machine, r.KubeVersion, r.Cluster)
	fmt.Fprintf(w, "Sizes: %d nodes, %d pods", o.Nodes, o.Pods)
	if o.Backlog > 0 {
		fmt.Fprintf(w, ", a backlog of %d pods", o.Backlog)
	}
	if !o.SkipBig {
		fmt.Fprintf(w, "; then %d nodes, %d pods", o.BigNodes, o.BigPods)
	}
	fmt.Fprintf(w, "; ceiling from %d pods; idle %s after %s of rest.\n\n",
		o.CeilingObjects, meter.FmtDuration(o.Idle), meter.FmtDuration(o.Settle))
	fmt.Fprintf(w, "%s.\n\n", GraceSetting(o.NodeMonitorGracePeriod))
	for _, line := range extrasLines(o.Extras) {
		fmt.Fprintf(w, "%s\n", line)
	}
	if r.Err != "" {
		fmt.Fprintf(w, "**The run stopped early:** %s\n\n", oneLine(r.Err))
	}
	fmt.Fprintf(w, "| Step | Result | Target | Upstream | Apiserver ceiling | |\n")
	fmt.Fprintf(w, "|---|---|---|---|---|---|\n")
	for _, row := range r.Rows {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", cell(row.Step), cell(row.Result),
			cell(row.Target), cell(row.Upstream), cell(row.Apiserver), cell(row.Verdict))
	}
	for _, ps := range r.PodSteps {
		markdownIntervals(w, ps)
	}
	if r.Idle != nil {
		markdownIdle(w, r.Idle)
	}
	markdownStepCPU(w, r.StepCPU)
	markdownHeartbeats(w, r.Heartbeats, r.NotReady)
	fmt.Fprint(w, strings.NewReplacer(
		"{writers}", fmt.Sprint(o.Writers), "{podWriters}", fmt.Sprint(o.PodWriters),
		"{bigPodWriters}", fmt.Sprint(o.BigPodWriters),
	).Replace(methodology))
}

// upstreamGracePeriod is kube-controller-manager's own default
// --node-monitor-grace-period.
const upstreamGracePeriod = 50 * time.Second

// GraceSetting says what the run's grace period makes of the heartbeats,
// since it sets the lease writes every step carries.
func GraceSetting(grace time.Duration) string {
	every := time.Duration(float64(grace) * cluster.LeaseRenewFraction(grace))
	return fmt.Sprintf("Node monitor grace period %s (kube-controller-manager's default: %s): each node's lease is renewed every %s, less up to 10 %% jitter",
		flagDuration(grace), flagDuration(upstreamGracePeriod), meter.FmtDuration(every))
}

// flagDuration prints a duration as a flag takes it: "1h", "40s", "2m30s".
func flagDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// extrasLines says which components ran with the user's own flags or
// environment, since they change every figure.
func extrasLines(e components.Extras) []string {
	var out []string
	for _, name := range components.Order {
		if a := e.Args[name]; len(a) > 0 {
			out = append(out, fmt.Sprintf("Extra flags of %s: `%s`.\n", name, strings.Join(a, " ")))
		}
		if v := e.Env[name]; len(v) > 0 {
			out = append(out, fmt.Sprintf("Extra environment of %s: `%s`.\n", name, strings.Join(v, " ")))
		}
	}
	return out
}

// markdownIntervals renders a pod step's per-interval rates.
func markdownIntervals(w io.Writer, ps meter.PodStep) {
	if !ps.Sampled {
		return
	}
	fmt.Fprintf(w, "\n## %s: rates per interval\n\n", ps.Name)
	fmt.Fprintf(w, "| Interval | Bound | Binding/s | Running/s | Running/binding | Backlog | In simulator | Queued | Status write |\n")
	fmt.Fprintf(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, iv := range ps.Rates.Intervals {
		fmt.Fprintf(w, "| %s | %.0f | %s | %s | %s | %.0f | %.0f | %.0f | %s |\n",
			span(iv), iv.Bound, meter.FmtRate(iv.BindRate), meter.FmtRate(iv.RunRate), ratioCell(iv), iv.Backlog, iv.InSimulator, iv.Queued, writeCell(iv))
	}
}

// markdownIdle renders each component's idle cost.
func markdownIdle(w io.Writer, idle *Idle) {
	fmt.Fprintf(w, "\n## Idle: %s with %d nodes and %d pods\n\n", meter.FmtDuration(idle.For), idle.Nodes, idle.Pods)
	fmt.Fprintf(w, "| Component | CPU (%% of a core) | RSS | Peak RSS |\n|---|---:|---:|---:|\n")
	for _, u := range idle.Components {
		if u.Err != "" {
			fmt.Fprintf(w, "| %s | %s | | |\n", u.Name, cell(u.Err))
			continue
		}
		fmt.Fprintf(w, "| %s | %.1f | %s | %s |\n", u.Name, u.CPU, fmtMiB(u.RSS), fmtMiB(u.PeakRSS))
	}
	fmt.Fprintf(w, "| **control plane** (all but prometheus) | **%.1f** | | |\n", idle.Total)
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(oneLine(s)), "|", `\|`)
}

// oneLine joins the lines of an error message.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// methodology explains how the figures were taken; {writers},
// {podWriters} and {bigPodWriters} stand for the run's writer counts.
const methodology = `
## How it is measured

- **Apiserver ceiling**: pods with ` + "`schedulerName: kmctl-none`" + ` (nothing else touches them) created,
  then each status-written once, by {writers} parallel writers with the admin client (protobuf, no client
  rate limit), on the empty cluster. Every other figure is put beside it: the *floor* is the time the
  apiserver alone needs for the step's writes at those rates (a node costs 2 creates and 1 status
  write, a pod 3 creates — pod, binding, event — and 1 status write, a delete 1 create), and
  *used* is floor ÷ measured time.
- **Nodes, pods**: ` + "`kmctl scale`" + ` with {writers} writers for nodes and deletions and {podWriters} (--pod-writers) for pod creates, {bigPodWriters} (--big-pod-writers) in the big pod step, timed until every object is Ready or Running.
  Pod deletion is timed until a list with the scale label selector comes back empty.
- **Rates**: the scheduler's ` + "`scheduler_schedule_attempts_total{result=\"scheduled\"}`" + ` and the
  simulator's ` + "`kmctl_simulator_pods_started_total`" + `, read from their /metrics (no Prometheus scrape
  lag) at the sampling interval. An interval counts when it bound at least 10 pods; the backlog is pods
  bound but not yet Running, and *in simulator* the part of it the simulator had received
  (` + "`kmctl_simulator_pods_seen_total`" + ` minus pods started); the rest was still on its way from the
  apiserver's watch. *Queued* is the simulator's pod queue at the interval's end: pods waiting for
  one of its workers; the rest of *in simulator* are status writes the apiserver has not yet
  answered; *status write* is the mean latency of the simulator's pod status writes answered in the
  interval (` + "`kmctl_simulator_write_duration_seconds{kind=\"pod_status\"}`" + `). Latencies are quantiles of ` + "`scheduler_scheduling_attempt_duration_seconds`" + `
  (successful attempts made during the step), interpolated within buckets like ` + "`histogram_quantile`" + `.
- **Pod startup**: quantiles of the simulator's ` + "`kmctl_simulator_pod_start_duration_seconds`" + ` for the pods
  started during the step: from the pod's creation (` + "`from=\"created\"`" + `) or its binding (its PodScheduled
  condition, ` + "`from=\"scheduled\"`" + `) to the apiserver accepting its Running status, in the kubelet's
  pod-startup buckets. Both start times are whole seconds, so the figures read up to 1 s high.
- **Idle**: utime+stime from /proc/<pid>/stat (100 ticks/s) over the idle period, VmRSS and VmHWM
  from /proc/<pid>/status at its end.
- **CPU-seconds per step**: utime+stime of every component and of kmctl itself (its writers and
  samplers) from the start to the end of each step (a component restarted during the step counts
  its new process from its start); *cores busy* is their sum over the wall time,
  out of the machine's cores. *Watches dropped* is the growth of the apiserver's
  apiserver_terminated_watchers_total by resource: watches its cache closed because the client's
  buffer stayed full; each one delays that client's events while it re-watches.
- **Heartbeats per step**: the nodes labelled ` + "`kmctl.dev/managed=true`" + ` are watched from the cluster's creation
  to the end of the run. A *NotReady transition* is a node's Ready condition going from True to False, Unknown
  or none: the controller-manager found its lease older than the grace period. A node first seen not Ready, or
  deleted, makes none. *Renewals*, *lag* and *age* are the growth during the step of the simulator's
  ` + "`kmctl_simulator_lease_renewal_lag_seconds`" + ` (from when a renewal was due to the apiserver accepting it) and
  ` + "`kmctl_simulator_lease_age_seconds`" + ` (the lease's age when renewed); *lag max* is the upper bound of the highest
  bucket that gained. *Oldest lease* is the largest ` + "`kmctl_simulator_lease_oldest_age_seconds`" + ` read at the
  step's start, end and samples; *late* counts renewals of a lease older than halfway from when its renewal was due to when it expires
  (` + "`kmctl_simulator_lease_late_total`" + `). A "?" is a figure the simulator does not export or that could not be read.
`
