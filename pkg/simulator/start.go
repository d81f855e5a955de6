package simulator

import (
	"context"
	"errors"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// startPod moves a pod bound to its node (looked up once by the worker,
// never nil) to Running with one status write, once its running delay is over.
func (s *Simulator) startPod(ctx context.Context, v *podView) (time.Duration, error) {
	pod, node := v.pod, v.node
	if wait := s.untilDue(v); wait > 0 {
		return wait, nil
	}
	if node.Spec.PodCIDR == "" {
		return time.Second, nil // the node gets a podCIDR first
	}
	hostIP, podIP, err := s.podIPs(v)
	if errors.Is(err, errBadPodCIDR) {
		s.skipWrite(writePodStatus, node.Name, err) // no pod can ever run there
		return 0, nil
	}
	if err != nil {
		return 0, err // the node's range is full: retried with backoff
	}
	now := metav1.NewTime(s.clock.Now())
	updated := pod.DeepCopy()
	updated.Status = runningStatus(pod, hostIP, podIP, now)
	ready, _ := v.readyAt(now.Time, now.Time)
	setReadiness(&updated.Status, ready, now)
	written, err := s.writePodStatus(ctx, updated)
	if written {
		s.podStarted(v, s.clock.Now())
	}
	return 0, err
}

// podIPs returns the pod's host IP (the node's) and its own (from the
// node's podCIDR, or the node's for host-network pods).
func (s *Simulator) podIPs(v *podView) (hostIP, podIP string, err error) {
	pod, node := v.pod, v.node
	hostIP, err = nodeIP(node.Spec.PodCIDR)
	if err != nil {
		return "", "", fmt.Errorf("node %s: %w", node.Name, err)
	}
	if pod.Spec.HostNetwork {
		return hostIP, hostIP, nil
	}
	podIP, err = s.recs.giveIP(v.rec, node.Spec.PodCIDR)
	return hostIP, podIP, err
}

// untilDue is how long a pod still waits before it runs: its running delay,
// counted from when the simulator first saw it due plus a random jitter.
func (s *Simulator) untilDue(v *podView) time.Duration {
	delay := s.opts.RunningDelay
	if v.life.hasRunningDelay {
		delay = v.life.runningDelay
	}
	if delay <= 0 && s.opts.RunningJitter <= 0 {
		return 0
	}
	now := s.clock.Now()
	return s.recs.dueSince(v.rec, now, jitter(s.opts.RunningJitter, 1)).Add(delay).Sub(now)
}
