// Package simulator plays kubelet for thousands of fake nodes and their pods
// in one process: it keeps the nodes Ready with leases and status, moves pods
// bound to them to Running with one status write, completes Job pods and
// finishes deletions.
package simulator

import (
	"fmt"
	"time"
)

// Labels and annotations the simulator reads.
const (
	// LabelManaged marks the nodes a simulator plays kubelet for.
	LabelManaged = "kmctl.dev/managed"
	// AnnotationCapacity holds a node's capacity as a JSON ResourceList,
	// written by `kmctl scale node`, which creates nodes without status.
	AnnotationCapacity = "kmctl.dev/capacity"
	// AnnotationRunningDelay delays a pod's move to Running, e.g. "2s".
	AnnotationRunningDelay = "kmctl.dev/running-delay"
	// AnnotationCompleteAfter ends a pod this long after it runs, e.g. "30s".
	AnnotationCompleteAfter = "kmctl.dev/complete-after"
)

// Options configure a simulator.
type Options struct {
	// NodeSelector is a label selector for the nodes to manage.
	NodeSelector string
	// ShardIndex and ShardCount split the selected nodes between simulators
	// by a hash of the node name; ShardCount 1 takes them all.
	ShardIndex, ShardCount int
	// LeaseDuration is the node lease's duration; it should equal the
	// controller-manager's node monitor grace period.
	LeaseDuration time.Duration
	// RenewFraction is the part of LeaseDuration between renewals.
	RenewFraction float64
	// StatusPeriod is how often an unchanged node status is rewritten. The
	// controller-manager judges nodes by their leases, so this only refreshes
	// the heartbeat times users see; at 5000 nodes, every 6 hours is 0.2
	// writes/s where hourly would be 1.4 of the costliest writes there are.
	StatusPeriod time.Duration
	// RunningDelay and RunningJitter delay every pod's move to Running.
	RunningDelay, RunningJitter time.Duration
	// JobCompleteDelay is how long a Job's pod runs before it succeeds.
	JobCompleteDelay time.Duration
	// NodeWorkers, PodWorkers and LeaseWorkers size the worker pools.
	NodeWorkers, PodWorkers, LeaseWorkers int
	// Lifecycle scripts the lives of populations of pods; nil scripts none.
	Lifecycle *Lifecycle
	// KubeletVersion is reported in nodeInfo; empty means the apiserver's version.
	KubeletVersion string
}

// DefaultOptions returns the defaults used by `kmctl simulate`.
func DefaultOptions() Options {
	return Options{
		NodeSelector:  LabelManaged + "=true",
		ShardCount:    1,
		LeaseDuration: 40 * time.Second,
		RenewFraction: 0.25,
		StatusPeriod:  6 * time.Hour,
		NodeWorkers:   32,
		PodWorkers:    256,
		LeaseWorkers:  256,
	}
}

// Validate reports options that cannot work, naming the `kmctl simulate`
// flag that sets each and what it takes.
func (o Options) Validate() error {
	for _, check := range []func() error{o.validateShards, o.validateLease, o.validateDurations, o.validateWorkers} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (o Options) validateShards() error {
	if o.ShardCount < 1 {
		return fmt.Errorf("--shard-count must be at least 1 (1 takes every node), got %d", o.ShardCount)
	}
	if o.ShardIndex < 0 || o.ShardIndex >= o.ShardCount {
		return fmt.Errorf("--shard-index must be in [0, %d) with --shard-count %d, got %d", o.ShardCount, o.ShardCount, o.ShardIndex)
	}
	return nil
}

// maxRenewFraction leaves the lease at least a fifth of its duration of
// margin after a renewal is due.
const maxRenewFraction = 0.8

func (o Options) validateLease() error {
	if o.LeaseDuration < 2*time.Second {
		return fmt.Errorf("--node-lease-duration must be at least 2s, got %s", o.LeaseDuration)
	}
	// Written so that NaN, which fails every comparison, fails it too.
	if !(o.RenewFraction > 0 && o.RenewFraction <= maxRenewFraction) {
		return fmt.Errorf("--node-lease-renew-fraction must be in (0, %g], got %g", maxRenewFraction, o.RenewFraction)
	}
	if every := o.renewInterval(); every < minRenewInterval {
		return fmt.Errorf("--node-lease-duration %s × --node-lease-renew-fraction %g renews every lease every %s; raise either so that renewals are at least %s apart",
			o.LeaseDuration, o.RenewFraction, every, minRenewInterval)
	}
	return nil
}

// minRenewInterval keeps a tiny renew fraction from renewing every lease
// without pause (the shortest lease at the default fraction renews this often).
const minRenewInterval = 500 * time.Millisecond

// validateDurations checks the periods and delays that have no other bound.
func (o Options) validateDurations() error {
	if o.StatusPeriod < time.Second {
		return fmt.Errorf("--node-status-period must be at least 1s, got %s", o.StatusPeriod)
	}
	delays := []struct {
		flag  string
		value time.Duration
	}{
		{"--pod-running-delay", o.RunningDelay},
		{"--pod-running-jitter", o.RunningJitter},
		{"--job-complete-delay", o.JobCompleteDelay},
	}
	for _, d := range delays {
		if d.value < 0 {
			return fmt.Errorf("%s must be 0 (none) or more, got %s", d.flag, d.value)
		}
	}
	return nil
}

func (o Options) validateWorkers() error {
	workers := []struct {
		flag  string
		value int
	}{
		{"--node-workers", o.NodeWorkers},
		{"--pod-workers", o.PodWorkers},
		{"--lease-workers", o.LeaseWorkers},
	}
	for _, w := range workers {
		if w.value < 1 {
			return fmt.Errorf("%s must be at least 1, got %d", w.flag, w.value)
		}
	}
	return nil
}

// renewInterval is the time between two renewals of one node's lease.
func (o Options) renewInterval() time.Duration {
	return time.Duration(float64(o.LeaseDuration) * o.RenewFraction)
}
