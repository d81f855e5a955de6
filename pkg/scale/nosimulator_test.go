package scale

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/kubernetes/fake"

	"github.com/kmctl/kmctl/pkg/cluster"
)

var (
	withSimulator    = fakeClusters{st: cluster.Status{State: "running"}}
	withoutSimulator = fakeClusters{st: cluster.Status{State: "running"}, disable: []string{"prometheus", "kmctl-simulator"}}
)

func TestConnectFitsTheWaitToTheSimulator(t *testing.T) {
	cases := []struct {
		name          string
		clusters      fakeClusters
		waitSet       bool
		replicas      int
		waits         bool
		note, notNote string
	}{
		{"own simulator", withSimulator, false, 3, true, "", "note"},
		{"no simulator, default wait", withoutSimulator, false, 3, false, "not waiting for them", ""},
		{"no simulator, --wait", withoutSimulator, true, 3, true, "relies on your own", "not waiting"},
		{"no simulator, scaling to 0", withoutSimulator, false, 0, true, "", "note"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := nodeOpts()
			o.Replicas, o.Wait, o.WaitSet = c.replicas, true, c.waitSet
			s, err := NewNodeScaler(o)
			if err != nil {
				t.Fatal(err)
			}
			var note bytes.Buffer
			if _, err := s.Connect(context.Background(), c.clusters, "c", &note); err != nil {
				t.Fatal(err)
			}
			if s.Waits() != c.waits {
				t.Errorf("Waits() = %v, want %v", s.Waits(), c.waits)
			}
			if !strings.Contains(note.String(), c.note) || (c.notNote != "" && strings.Contains(note.String(), c.notNote)) {
				t.Errorf("note %q, want %q and not %q", note.String(), c.note, c.notNote)
			}
			if c.note != "" && !strings.Contains(note.String(), "kmctl simulate --kubeconfig c.kubeconfig") {
				t.Errorf("note %q does not say how to run a simulator", note.String())
			}
		})
	}
}

// TestWaitWithoutSimulatorPointsAtKmctlSimulate checks the reasons of a
// --wait that timed out in a cluster without kmctl-simulator.
func TestWaitWithoutSimulatorPointsAtKmctlSimulate(t *testing.T) {
	o := nodeOpts()
	o.Wait, o.WaitSet, o.Timeout = true, true, 500*time.Millisecond
	s, _ := NewNodeScaler(o)
	if _, err := s.Connect(context.Background(), withoutSimulator, "c", &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Run(context.Background(), fake.NewClientset())
	var nr *NotReadyError
	if !errors.As(err, &nr) || !strings.Contains(err.Error(), "`kmctl simulate`") || strings.Contains(err.Error(), "kmctl logs") {
		t.Errorf("err %v", err)
	}
}
