package benchrun

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// printOpSummary shows a measured op's main figures as it ends.
func printOpSummary(w io.Writer, op benchresult.Op) {
	m := op.Metrics
	t := m.SchedulingThroughput
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "OP\tPODS\tTOOK\tTHROUGHPUT avg/p50/p99/max (pods/s)\tSTARTUP p50/p99\tATTEMPT p99\n")
	st := m.Startup[PhaseStartup]
	att := m.Scheduler.AttemptDuration["scheduled"]
	fmt.Fprintf(tw, "%s\t%d\t%.1fs\t%.1f / %.0f / %.0f / %.0f\t%s / %s\t%s\n", op.Name, op.Pods, time.Duration(op.Took).Seconds(),
		t.Average, t.Perc50, t.Perc99, t.Max, seconds(st.Perc50), seconds(st.Perc99), seconds(att.Perc99))
	tw.Flush()
	if n := len(m.WatchRelists); n > 0 {
		fmt.Fprintf(w, "WARNING: the pod watch listed again %d time(s) during %s (the apiserver closed it as too slow); pods that changed in the gap are timed late\n", n, op.Name)
	}
}

// seconds prints a latency with a unit that fits.
func seconds(s float64) string {
	switch {
	case s == 0:
		return "-"
	case s < 0.001:
		return fmt.Sprintf("%.0fµs", s*1e6)
	case s < 1:
		return fmt.Sprintf("%.1fms", s*1e3)
	}
	return fmt.Sprintf("%.2fs", s)
}
