package bench

import (
	"github.com/kmctl/kmctl/pkg/metrics"

	"strings"
	"testing"
)

func TestCounterByAndDropped(t *testing.T) {
	page := `# TYPE apiserver_terminated_watchers_total counter
apiserver_terminated_watchers_total{resource="pods"} 7
apiserver_terminated_watchers_total{resource="nodes"} 2
`
	fams, err := metrics.ParseMetrics(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	after := fams.CounterBy(metricTerminatedWatchers, "resource")
	before := map[string]float64{"pods": 4, "nodes": 2}
	d := watcherDelta(before, after)
	if got := fmtDropped(d); got != "3 (pods 3)" {
		t.Errorf("delta printed %q, want %q", got, "3 (pods 3)")
	}
	if got := fmtDropped(watcherDelta(nil, after)); got != "?" {
		t.Errorf("unread printed %q, want ?", got)
	}
	if got := fmtDropped(watcherDelta(after, after)); got != "0" {
		t.Errorf("no change printed %q, want 0", got)
	}
	if got := fmtDropped(map[string]float64{"nodes": 1, "pods": 2, "leases": 1}); got != "4 (pods 2, leases 1, nodes 1)" {
		t.Errorf("ordering: got %q", got)
	}
	if got := metrics.Families(nil).CounterBy("missing", "resource"); len(got) != 0 {
		t.Errorf("a missing family gave %v", got)
	}
}
