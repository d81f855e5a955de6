package bench

import (
	"maps"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/metrics"
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
	if got := watcherDelta(before, after); !maps.Equal(got, map[string]float64{"pods": 3}) {
		t.Errorf("delta = %v, want pods 3", got)
	}
	if got := watcherDelta(nil, after); got != nil {
		t.Errorf("unread gave %v, want nil", got)
	}
	if got := watcherDelta(after, after); got == nil || len(got) != 0 {
		t.Errorf("no change gave %v, want an empty map", got)
	}
	if got := metrics.Families(nil).CounterBy("missing", "resource"); len(got) != 0 {
		t.Errorf("a missing family gave %v", got)
	}
}
