package e2e

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestHeartbeatsUnderChurn runs nodes on kubelet timing (a 40 s grace
// period: leases renewed every 20 s) while pods are created in bulk and then
// churn: no node may go NotReady, since the controller-manager would taint
// it and evict its pods, spoiling the user's experiment. It counts the
// controller-manager's NodeNotReady events (one per transition) and the
// simulator's late renewals; it times nothing.
func TestHeartbeatsUnderChurn(t *testing.T) {
	e := newEnv(t)
	name := uniqueName("beats")
	ctx := "--context=kmctl-" + name
	e.createCluster(name, "--runtime", "binary", "--disable", "prometheus", "--node-monitor-grace-period", "40s")
	e.must(5*time.Minute, "scale", "node", "--name", name, "--replicas", "1000")
	stopWatch := watchNodesReady(t, e, ctx)
	e.must(20*time.Minute, "scale", "pod", "--name", name, "--replicas", "5000", "--wait", "--timeout", "20m")
	churn(t, e, name, 3*time.Minute, 300)
	time.Sleep(45 * time.Second) // a lease missed at the end would show by now
	notReady := stopWatch()
	events := e.mustKubectl(ctx, "get", "events", "-A", "--field-selector", "reason=NodeNotReady", "-o", "name")
	if n := len(strings.Fields(events)); n > 0 || notReady != "" {
		t.Errorf("%d NodeNotReady events; nodes seen not Ready: %s", n, notReady)
	}
	t.Logf("simulator lease figures:\n%s", simulatorLeaseMetrics(t, e, name))
}

// simulatorLeaseMetrics are the simulator's lease series, buckets left out.
func simulatorLeaseMetrics(t *testing.T, e *env, name string) string {
	t.Helper()
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/metrics", e.config(name).Ports.Simulator))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(body), "\n") {
		if strings.HasPrefix(line, "kmctl_simulator_lease_") && !strings.Contains(line, "_bucket") {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		t.Error("the simulator exports no lease metrics")
	}
	return strings.Join(out, "\n")
}

// churn creates and deletes pods of the prefix "churn", batch at a time,
// for d: what a user's workload of short-lived pods does.
func churn(t *testing.T, e *env, name string, d time.Duration, batch int) {
	t.Helper()
	rounds := 0
	for end := time.Now().Add(d); time.Now().Before(end); rounds++ {
		e.must(2*time.Minute, "scale", "pod", "--name", name, "--prefix", "churn", "--replicas", fmt.Sprint(batch))
		time.Sleep(5 * time.Second)
		e.must(2*time.Minute, "scale", "pod", "--name", name, "--prefix", "churn", "--replicas", "0")
	}
	t.Logf("churned %d pods in %d rounds over %s", rounds*batch, rounds, d)
}
