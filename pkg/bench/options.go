// Package bench is `kmctl benchmark`: the measured experiment of the
// design's performance budget. In one fresh cluster it measures the
// apiserver's own write ceiling, then scales nodes and pods with pkg/scale,
// samples the scheduler's and the simulator's counters while pods start,
// measures the idle cost of every component from /proc, and reports each
// figure beside its target, upstream's bar and the apiserver's ceiling.
// It runs the experiment; pkg/bench/meter reads the counters and
// pkg/bench/report holds and renders what was measured.
package bench

import (
	"fmt"
	"time"

	"github.com/kmctl/kmctl/pkg/bench/report"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/scale"
)

// podsPerNode is the pod capacity of a node of pkg/scale's defaults.
const podsPerNode = 110

// Validate checks the sizes, the cluster's settings and --output before any
// cluster is created.
func Validate(o report.Options) error {
	if err := cluster.ValidateName(o.Name); err != nil {
		return err
	}
	cfg := clusterConfig(o, "")
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := checkOutput(o.Output); err != nil {
		return err
	}
	switch {
	case o.Nodes < 1 || o.Pods < 1:
		return fmt.Errorf("--nodes and --pods must be at least 1, got %d and %d", o.Nodes, o.Pods)
	case o.Nodes > scale.MaxNodes:
		return fmt.Errorf("--nodes %d is more than %d, the most nodes kmctl gives unique pod CIDRs to; lower --nodes", o.Nodes, scale.MaxNodes)
	case o.Pods > o.Nodes*podsPerNode:
		return fmt.Errorf("--pods %d do not fit on %d nodes of %d pods each; raise --nodes", o.Pods, o.Nodes, podsPerNode)
	case o.CeilingObjects < 0 || o.Idle < 0 || o.Settle < 0 || o.Backlog < 0:
		return fmt.Errorf("--ceiling-objects, --idle, --settle and --backlog must not be negative")
	case o.Backlog > o.Nodes*podsPerNode:
		return fmt.Errorf("--backlog %d pods do not fit on %d nodes of %d pods each; raise --nodes", o.Backlog, o.Nodes, podsPerNode)
	case o.Writers < 1 || o.PodWriters < 1 || o.BigPodWriters < 1:
		return fmt.Errorf("writers must be at least 1, got %d, --pod-writers %d and --big-pod-writers %d", o.Writers, o.PodWriters, o.BigPodWriters)
	case o.SampleInterval < time.Second:
		return fmt.Errorf("--sample-interval must be at least 1s, got %s", o.SampleInterval)
	case o.StepTimeout <= 0:
		return fmt.Errorf("--step-timeout must be positive, got %s", o.StepTimeout)
	}
	if !o.SkipBig {
		if err := checkBig(o); err != nil {
			return err
		}
	}
	return checkPieces(o)
}

// checkBig checks the sizes of the big steps.
func checkBig(o report.Options) error {
	switch {
	case o.BigNodes <= o.Nodes || o.BigNodes > scale.MaxNodes:
		return fmt.Errorf("--big-nodes must be more than --nodes (%d) and at most %d, got %d; or pass --skip-big", o.Nodes, scale.MaxNodes, o.BigNodes)
	case o.BigPods < 1 || o.BigPods > o.BigNodes*podsPerNode:
		return fmt.Errorf("--big-pods %d do not fit on %d nodes of %d pods each", o.BigPods, o.BigNodes, podsPerNode)
	}
	return nil
}
