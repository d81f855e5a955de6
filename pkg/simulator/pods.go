package simulator

import (
	"context"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/cache"
)

func (s *Simulator) podHandler() cache.ResourceEventHandler {
	return cache.ResourceEventHandlerFuncs{
		AddFunc:    s.podChanged,
		UpdateFunc: func(_, obj any) { s.podChanged(obj) },
		DeleteFunc: func(obj any) {
			if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = tomb.Obj
			}
			m, err := meta.Accessor(obj)
			if err != nil {
				return
			}
			s.ipam.Release(m.GetUID(), podNode(obj), podIPOf(obj))
			s.mu.Lock()
			delete(s.firstSeen, string(m.GetUID()))
			s.mu.Unlock()
			s.podGone(m.GetUID())
		},
	}
}

// podChanged records the IP of a pod that runs (so restarts never hand it
// out again), frees that of a pod that ended (as a kubelet tears its sandbox
// down: Jobs that leave their pods behind do not use up a node's range), and
// queues the pod when the simulator has something to do for it.
func (s *Simulator) podChanged(obj any) {
	var node, ip string
	var uid types.UID
	var hostNetwork, work, pending, over bool
	switch p := obj.(type) {
	case *corev1.Pod:
		node, ip, uid, hostNetwork, work = p.Spec.NodeName, p.Status.PodIP, p.UID, p.Spec.HostNetwork, s.needsWork(p)
		pending = p.DeletionTimestamp == nil && (p.Status.Phase == corev1.PodPending || p.Status.Phase == "")
		over = ended(p)
	case *settledPod:
		node, ip, uid, hostNetwork, work, over = p.NodeName, p.PodIP, p.UID, p.HostNetwork, p.deleting() || p.awaitsEnd(), p.Ended
	default:
		return
	}
	if !s.managesNode(node) {
		if _, ok := pendingDeletion(obj); ok && s.departed.has(node) {
			s.queuePod(obj)
		}
		return
	}
	switch {
	case ip == "" || hostNetwork:
	case over:
		s.ipam.Release(uid, node, ip)
	default:
		s.ipam.Reserve(node, uid, ip)
	}
	if stray := s.seePod(uid, pending); work || stray {
		s.queuePod(obj)
	}
}

// queuePod adds a pod to the pod queue.
func (s *Simulator) queuePod(obj any) {
	if key, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
		s.podQueue.Add(key)
	}
}

// podAwaitsEnd is true for a pod being deleted that finalizers hold until it
// ends: a Job's pods under a podFailurePolicy (or podReplacementPolicy
// Failed) keep the Job controller's finalizer until their phase is Failed. A
// kubelet stops the containers and reports that phase before it lets the
// deletion finish; without it such a pod stays Terminating for ever.
func podAwaitsEnd(p *corev1.Pod) bool {
	return p.DeletionTimestamp != nil && len(p.Finalizers) > 0 && !ended(p)
}

// deleting is true for a pod whose deletion waits only for its kubelet.
func deleting(m *metav1.ObjectMeta) bool {
	return m.DeletionTimestamp != nil && len(m.Finalizers) == 0
}

// needsWork is true for pods being deleted, not yet running, or running
// pods that will end.
func (s *Simulator) needsWork(p *corev1.Pod) bool {
	switch {
	case p.DeletionTimestamp != nil:
		return deleting(&p.ObjectMeta) || podAwaitsEnd(p)
	case ended(p):
		return false
	case p.Status.Phase != corev1.PodRunning || p.Status.PodIP == "":
		return true
	default:
		return s.endDelay(p) >= 0
	}
}

// syncPod moves one pod along its life: Running, then (for pods that end)
// Succeeded or restarted, and deleted once its deletion is requested.
func (s *Simulator) syncPod(ctx context.Context, key string) error {
	obj, exists, err := s.pods.GetIndexer().GetByKey(key)
	if err != nil || !exists {
		return err
	}
	node := s.node(podNode(obj)) // once: the node may go meanwhile
	if node == nil || !s.ownsNode(node) {
		return s.syncDeparted(ctx, key, obj)
	}
	s.ranUnanswered(obj)
	if settled, ok := obj.(*settledPod); ok {
		switch {
		case settled.deleting():
			return s.finishDeletion(ctx, key, deletionOf(settled.GetObjectMeta()))
		case settled.awaitsEnd():
			return s.stopSettledPod(ctx, settled)
		}
		return nil
	}
	pod := obj.(*corev1.Pod)
	if !s.needsWork(pod) {
		return nil
	}
	if podAwaitsEnd(pod) {
		return s.stopPod(ctx, pod)
	}
	if pod.DeletionTimestamp != nil {
		return s.finishDeletion(ctx, key, deletionOf(pod))
	}
	if pod.Status.Phase != corev1.PodRunning || pod.Status.PodIP == "" {
		return s.startPod(ctx, key, pod, node)
	}
	return s.endPod(ctx, key, pod)
}

func (s *Simulator) endPod(ctx context.Context, key string, pod *corev1.Pod) error {
	after := s.endDelay(pod)
	if after < 0 {
		return nil
	}
	if pod.Spec.RestartPolicy == corev1.RestartPolicyAlways {
		after = max(after, restartBackoff(pod))
	}
	since := runningSince(pod)
	if wait := time.Until(since.Add(after)); wait > 0 {
		s.podQueue.AddAfter(key, wait)
		return nil
	}
	updated := pod.DeepCopy()
	if pod.Spec.RestartPolicy == corev1.RestartPolicyAlways {
		updated.Status = restartedStatus(pod, metav1.Now())
	} else {
		updated.Status = completedStatus(pod, metav1.Now())
	}
	_, err := s.writePodStatus(ctx, updated)
	return err
}

// stopPod reports a pod that is being deleted as stopped, so that the
// finalizers waiting for its end can go (see podAwaitsEnd).
func (s *Simulator) stopPod(ctx context.Context, pod *corev1.Pod) error {
	updated := pod.DeepCopy()
	updated.Status = stoppedStatus(pod, metav1.Now())
	_, err := s.writePodStatus(ctx, updated)
	return err
}

// stopSettledPod reads the whole pod, which the compact form left out, and
// stops it if it still waits for its end.
func (s *Simulator) stopSettledPod(ctx context.Context, settled *settledPod) error {
	pod, err := s.client.CoreV1().Pods(settled.Namespace).Get(ctx, settled.Name, metav1.GetOptions{})
	if err != nil || pod.UID != settled.UID || !podAwaitsEnd(pod) {
		return ignoreGone(err)
	}
	return s.stopPod(ctx, pod)
}

// endDelay is how long the pod runs before it ends, or -1 if it runs
// forever: the complete-after annotation, else the Job delay for the Job
// pods that end (see jobPodEnds).
func (s *Simulator) endDelay(pod *corev1.Pod) time.Duration {
	if d, ok := completeAfter(pod); ok {
		return d
	}
	if jobPodEnds(pod) {
		return s.opts.JobCompleteDelay
	}
	return -1
}

// endsOnItsOwn is true for a pod whose containers exit without being told
// to (endDelay is not -1), asked by compaction (isSettled) without the
// options endDelay reads.
func endsOnItsOwn(pod *corev1.Pod) bool {
	_, ok := completeAfter(pod)
	return ok || jobPodEnds(pod)
}

// jobPodEnds is true for a Job's pod unless all its containers run a pause
// image: upstream's load tests run Jobs of pause containers, which never
// exit under a kubelet, and wait for their pods to be Running; completing
// them would end such a Job in seconds.
func jobPodEnds(pod *corev1.Pod) bool {
	return isJobPod(pod) && !runsPauseOnly(pod)
}

// completeAfter is the pod's complete-after annotation, if it parses.
func completeAfter(pod *corev1.Pod) (time.Duration, bool) {
	v, ok := pod.Annotations[AnnotationCompleteAfter]
	if !ok {
		return 0, false
	}
	d, err := time.ParseDuration(v)
	return d, err == nil && d >= 0
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

// restartBackoff is the least time a restarted pod runs before it restarts
// again: a kubelet waits 10 s before the first restart of a container, then
// twice as long each time, up to 5 minutes. Without it a complete-after of 0
// with restartPolicy Always would rewrite the pod's status without pause.
func restartBackoff(pod *corev1.Pod) time.Duration {
	var restarts int32
	for _, c := range pod.Status.ContainerStatuses {
		restarts = max(restarts, c.RestartCount)
	}
	if restarts == 0 {
		return 0
	}
	return min(10*time.Second<<min(restarts-1, 5), 5*time.Minute)
}

// runningSince is when the containers last (re)started.
func runningSince(pod *corev1.Pod) time.Time {
	for _, c := range pod.Status.ContainerStatuses {
		if c.State.Running != nil {
			return c.State.Running.StartedAt.Time
		}
	}
	if pod.Status.StartTime != nil {
		return pod.Status.StartTime.Time
	}
	return time.Now()
}

// writePodStatus writes the pod's status and reports whether the apiserver
// accepted it. A conflict or a pod gone is no error (the informer brings the
// newer pod, or its deletion) but no write either: written is false.
func (s *Simulator) writePodStatus(ctx context.Context, pod *corev1.Pod) (written bool, err error) {
	s.beats.yield(ctx)
	start := time.Now()
	s.podWrites.Add(1)
	_, err = s.client.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, pod, metav1.UpdateOptions{})
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
