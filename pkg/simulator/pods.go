package simulator

import (
	"context"
	"strings"
	"time"

	"github.com/kmctl/kmctl/pkg/apiwrite"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/cache"
)

// podHandler queues every change of a pod bound to a node of this shard;
// the pod's sync does the rest.
func (s *Simulator) podHandler() cache.ResourceEventHandler {
	queue := func(obj any) {
		if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
			if s.owned(podNode(tomb.Obj)) {
				s.podQueue.Add(tomb.Key)
			}
			return
		}
		if s.owned(podNode(obj)) {
			s.queuePod(obj)
		}
	}
	return cache.ResourceEventHandlerFuncs{
		AddFunc:    queue,
		UpdateFunc: func(_, obj any) { queue(obj) },
		DeleteFunc: queue,
	}
}

// queuePod adds a pod to the pod queue.
func (s *Simulator) queuePod(obj any) {
	if key, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
		s.podQueue.Add(key)
	}
}

// syncPod brings the simulator's record of the pod up to date with the
// cache (made on first sight, dropped once the pod is gone), then plays the
// step of the pod's life that the first rule claiming it decides (see
// podRules), or looks again when that step is due.
func (s *Simulator) syncPod(ctx context.Context, key string) error {
	obj, exists, err := s.pods.GetIndexer().GetByKey(key)
	if err != nil {
		return err
	}
	if !exists {
		s.podGone(key)
		return nil
	}
	now := s.clock.Now()
	v, ok := viewOf(obj, now, s.script)
	if !ok {
		return nil
	}
	name := podNode(obj)
	v.key, v.node = key, s.node(name) // once: the node may go meanwhile
	v.rec = s.podRecord(key, v.del.uid, name)
	if v.node == nil || !s.ownsNode(v.node) {
		return s.syncDeparted(ctx, v, name)
	}
	if v.rec == nil {
		return nil // the node's first sync, still to come, queues its pods again
	}
	s.holdPodIP(v, podIPOf(obj))
	s.countPod(v)
	v.readyHold = s.recs.readyHeld(v.rec, now)
	if quiet, until := silenced(v.node, now); quiet {
		// A dead kubelet writes nothing; the node's sync when the fault is
		// cleared queues its pods again (see syncNode).
		if !until.IsZero() {
			s.podQueue.AddAfter(key, max(until.Sub(now), time.Millisecond))
		}
		return nil
	}
	rule := ruleFor(v)
	if rule == nil {
		return nil
	}
	s.reportLife(v) // when a step is due: an event alone logs nothing again
	wait, err := rule.play(s, ctx, v)
	if wait > 0 {
		s.podQueue.AddAfter(key, v.life.wake(wait, now))
	}
	return err
}

// podRecord is the pod's record (see records.pod); an earlier pod of the
// same name whose record it replaces is counted gone if it was waiting.
func (s *Simulator) podRecord(key string, uid types.UID, node string) *podState {
	rec, replacedWaiting := s.recs.pod(key, uid, node)
	if replacedWaiting {
		s.metrics.podGone()
	}
	return rec
}

// holdPodIP records the IP the pod reports (so restarts never hand it out
// again), and frees that of a pod that ended, as a kubelet tears its sandbox
// down: Jobs that leave their pods behind do not use up a node's range.
func (s *Simulator) holdPodIP(v *podView, ip string) {
	switch {
	case ip == "" || v.hostNetwork:
	case v.ended:
		s.recs.freeIP(v.rec)
	default:
		s.recs.holdIP(v.rec, ip)
	}
}

// reportLife logs the annotations of the pod that do not parse.
func (s *Simulator) reportLife(v *podView) {
	for _, p := range v.life.problems {
		s.logger().Warn("pod "+v.key+": "+p.String(), "pod", v.key)
	}
}

// stopPod reports a pod that is being deleted as stopped, so that the
// finalizers waiting for its end can go (see podView.awaitsEnd).
func (s *Simulator) stopPod(ctx context.Context, pod *corev1.Pod) error {
	return s.writeStatus(ctx, pod, stoppedStatus(pod, metav1.NewTime(s.clock.Now())))
}

// stopSettledPod reads the whole pod, which the compact form left out, and
// stops it if it still waits for its end.
func (s *Simulator) stopSettledPod(ctx context.Context, v *podView) error {
	pod, err := s.client.CoreV1().Pods(v.del.namespace).Get(ctx, v.del.name, metav1.GetOptions{})
	if err != nil || pod.UID != v.del.uid {
		return ignoreGone(err)
	}
	if full, _ := viewOf(pod, s.clock.Now(), s.script); !full.awaitsEnd() {
		return nil
	}
	return s.stopPod(ctx, pod)
}

// jobPodEnds is true for a Job's pod unless all its containers run a pause
// image: upstream's load tests run Jobs of pause containers, which never
// exit under a kubelet, and wait for their pods to be Running; completing
// them would end such a Job in seconds.
func jobPodEnds(pod *corev1.Pod) bool {
	return isJobPod(pod) && !runsPauseOnly(pod)
}

// runsPauseOnly is true for a pod whose containers all run a pause image
// (registry.k8s.io/pause:3.10, .../pause-amd64 and mirrors of them).
func runsPauseOnly(pod *corev1.Pod) bool {
	for _, c := range pod.Spec.Containers {
		if !isPauseImage(c.Image) {
			return false
		}
	}
	return len(pod.Spec.Containers) > 0
}

// isPauseImage is true when the image's repository ends in a path element
// named pause (or pause-<arch>), whatever its registry, tag or digest.
func isPauseImage(image string) bool {
	name, _, _ := strings.Cut(image, "@")
	if slash := strings.LastIndex(name, "/"); slash >= 0 {
		name = name[slash+1:]
	}
	name, _, _ = strings.Cut(name, ":")
	return name == "pause" || strings.HasPrefix(name, "pause-")
}

func isJobPod(pod *corev1.Pod) bool {
	for _, o := range pod.OwnerReferences {
		if o.Kind == "Job" && (o.APIVersion == "batch/v1" || o.APIVersion == "batch/v1beta1") {
			return true
		}
	}
	return false
}

// restartBackoff is how long a container that exits waits before it
// restarts: a kubelet restarts it at once the first time, then after 10 s,
// twice as long each next time, up to 5 minutes.
func restartBackoff(pod *corev1.Pod) time.Duration {
	var restarts int32
	for _, c := range pod.Status.ContainerStatuses {
		restarts = max(restarts, c.RestartCount)
	}
	return backoffAfter(restarts)
}

// backoffAfter is a kubelet's wait before restarting a container that has
// restarted this often: none the first time, then 10 s doubling to 5 min.
func backoffAfter(restarts int32) time.Duration {
	if restarts == 0 {
		return 0
	}
	return min(10*time.Second<<min(restarts-1, 5), 5*time.Minute)
}

// runningSince is when the containers last (re)started.
func runningSince(pod *corev1.Pod, now time.Time) time.Time {
	for _, c := range pod.Status.ContainerStatuses {
		if c.State.Running != nil {
			return c.State.Running.StartedAt.Time
		}
	}
	if pod.Status.StartTime != nil {
		return pod.Status.StartTime.Time
	}
	return now
}

// writePodStatus writes the pod's status and reports whether the apiserver
// accepted it. A conflict or a pod gone is no error (the informer brings the
// newer pod, or its deletion) but no write either: written is false.
func (s *Simulator) writePodStatus(ctx context.Context, pod *corev1.Pod) (written bool, err error) {
	s.beats.yield(ctx)
	start := time.Now()
	s.podWrites.Add(1)
	err = apiwrite.PodStatus(ctx, s.client, pod)
	s.metrics.observe(writePodStatus, start, err)
	return err == nil, ignoreGone(err)
}

// deletePod finishes a graceful deletion the way a kubelet does: grace period 0.
func (s *Simulator) deletePod(ctx context.Context, namespace, name string, uid types.UID) error {
	s.beats.yield(ctx)
	start := time.Now()
	s.podWrites.Add(1)
	err := s.client.CoreV1().Pods(namespace).Delete(ctx, name, metav1.DeleteOptions{
		GracePeriodSeconds: ptr(int64(0)),
		Preconditions:      &metav1.Preconditions{UID: &uid},
	})
	s.metrics.observe(writePodDelete, start, err)
	return ignoreGone(err)
}
