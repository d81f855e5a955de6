package bench

import (
	"github.com/kmctl/kmctl/pkg/metrics"

	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"k8s.io/client-go/kubernetes"
)

// metricTerminatedWatchers counts the watches the apiserver's watch cache
// closed because their client did not keep up (its buffer stayed full).
// Each such close makes the client re-watch and delays every event behind it.
const metricTerminatedWatchers = "apiserver_terminated_watchers_total"

// droppedWatchers reads the apiserver's terminated-watcher counters by
// resource from its /metrics.
func droppedWatchers(ctx context.Context, client kubernetes.Interface) (map[string]float64, error) {
	body, err := client.CoreV1().RESTClient().Get().AbsPath("/metrics").DoRaw(ctx)
	if err != nil {
		return nil, fmt.Errorf("cannot read the apiserver's /metrics: %w", err)
	}
	fams, err := metrics.ParseMetrics(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	return fams.CounterBy(metricTerminatedWatchers, "resource"), nil
}

// watcherDelta is what each resource's counter grew by between two
// readings; nil when either reading failed.
func watcherDelta(before, after map[string]float64) map[string]float64 {
	if before == nil || after == nil {
		return nil
	}
	out := map[string]float64{}
	for res, v := range after {
		if d := counterDelta(before[res], v); d > 0 {
			out[res] = d
		}
	}
	return out
}

// fmtDropped prints dropped watchers as "0", "3 (pods 2, nodes 1)" or "?".
func fmtDropped(d map[string]float64) string {
	if d == nil {
		return "?"
	}
	total := 0.0
	res := make([]string, 0, len(d))
	for r, v := range d {
		total += v
		res = append(res, r)
	}
	if total == 0 {
		return "0"
	}
	sort.Slice(res, func(i, j int) bool { return d[res[i]] > d[res[j]] || d[res[i]] == d[res[j]] && res[i] < res[j] })
	parts := make([]string, len(res))
	for i, r := range res {
		parts[i] = fmt.Sprintf("%s %.0f", r, d[r])
	}
	return fmt.Sprintf("%.0f (%s)", total, strings.Join(parts, ", "))
}
