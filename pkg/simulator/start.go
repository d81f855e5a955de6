package simulator

import (
	"context"
	"errors"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
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
	hostIP, podIP, err := s.podIPs(pod, node)
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
	ready, _ := v.life.readyAt(now.Time, now.Time)
	setReadiness(&updated.Status, ready, now)
	written, err := s.writePodStatus(ctx, updated)
	if written {
		s.podStarted(pod, s.clock.Now())
		s.forgetFirstSeen(pod.UID)
	} else {
		s.releaseIfGone(v.key, pod)
	}
	return 0, err
}

// releaseIfGone frees the IP just handed out to a pod whose status write
// failed because the pod was deleted meanwhile: when its delete event came
// before the IP was handed out, nothing else would free it.
func (s *Simulator) releaseIfGone(key string, pod *corev1.Pod) {
	if cached, ok := s.cachedPod(key, pod.UID); ok && !cached {
		s.ipam.Release(pod.UID, pod.Spec.NodeName, "")
	}
}

// cachedPod reports whether the pod cache holds key with this UID (a pod of
// the same name made again has another); ok is false if the cache failed.
// The informer removes a pod from its cache before it calls the delete
// handler, so a pod found here is one whose delete handler is still to come.
func (s *Simulator) cachedPod(key string, uid types.UID) (cached, ok bool) {
	obj, exists, err := s.pods.GetIndexer().GetByKey(key)
	if err != nil {
		return false, false
	}
	m, isMeta := obj.(metav1.ObjectMetaAccessor)
	return exists && isMeta && m.GetObjectMeta().GetUID() == uid, true
}

// podIPs returns the pod's host IP (the node's) and its own (from the
// node's podCIDR, or the node's for host-network pods).
func (s *Simulator) podIPs(pod *corev1.Pod, node *corev1.Node) (hostIP, podIP string, err error) {
	hostIP, err = nodeIP(node.Spec.PodCIDR)
	if err != nil {
		return "", "", fmt.Errorf("node %s: %w", node.Name, err)
	}
	if pod.Spec.HostNetwork {
		return hostIP, hostIP, nil
	}
	podIP, err = s.ipam.Allocate(node.Name, node.Spec.PodCIDR, pod.UID)
	return hostIP, podIP, err
}

// untilDue is how long a pod still waits before it runs: its running delay,
// counted from when the simulator first saw it due plus a random jitter.
func (s *Simulator) untilDue(v *podView) time.Duration {
	key, pod, delay := v.key, v.pod, s.opts.RunningDelay
	if v.life.hasRunningDelay {
		delay = v.life.runningDelay
	}
	if delay <= 0 && s.opts.RunningJitter <= 0 {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	seen, ok := s.firstSeen[string(pod.UID)]
	if !ok {
		seen = s.clock.Now().Add(jitter(s.opts.RunningJitter, 1))
		// Under s.mu, which the delete handler takes too. The informer
		// removes a pod from its cache before it notifies the handler
		// (processDeltas), so a pod deleted before this point is out of
		// the cache and would keep its entry for ever, while one deleted
		// after has it removed. A pod whose Running status was accepted
		// (its cached copy is older) would keep it too.
		if cached, _ := s.cachedPod(key, pod.UID); cached && !s.waiting.isStarted(pod.UID) {
			s.firstSeen[string(pod.UID)] = seen
		}
	}
	return seen.Add(delay).Sub(s.clock.Now())
}

// forgetFirstSeen drops the running-delay start of a pod that runs.
func (s *Simulator) forgetFirstSeen(uid types.UID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.firstSeen, string(uid))
}
