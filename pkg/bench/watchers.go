package bench

import (
	"bytes"
	"context"
	"fmt"

	"k8s.io/client-go/kubernetes"

	"github.com/kmctl/kmctl/pkg/bench/meter"
	"github.com/kmctl/kmctl/pkg/metrics"
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
		if d := meter.CounterDelta(before[res], v); d > 0 {
			out[res] = d
		}
	}
	return out
}
