package simulator

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// pullBackOffAfter is how long a failed image pull shows ErrImagePull
// before the kubelet's back-off shows ImagePullBackOff.
const pullBackOffAfter = 10 * time.Second

// playPullFailure keeps the pod Pending with its images failing to pull:
// ErrImagePull, then ImagePullBackOff until its faults end.
func (s *Simulator) playPullFailure(ctx context.Context, v *podView) (time.Duration, error) {
	now := s.clock.Now()
	switch waitingReason(v.pod) {
	case "ImagePullBackOff":
		return v.life.untilFaultsEnd(now), nil
	case "ErrImagePull":
		if start := v.pod.Status.StartTime; start != nil && start.Add(pullBackOffAfter).After(now) {
			return start.Add(pullBackOffAfter).Sub(now), nil
		}
		return 0, s.writeStatus(ctx, v.pod, pullFailedStatus(v.pod, "ImagePullBackOff", metav1.NewTime(now)))
	}
	if v.node.Spec.PodCIDR == "" {
		return time.Second, nil // the node gets a podCIDR first
	}
	hostIP, err := nodeIP(v.node.Spec.PodCIDR)
	if err != nil {
		s.skipWrite(writePodStatus, v.node.Name, fmt.Errorf("node %s: %w", v.node.Name, err))
		return 0, nil
	}
	status := pullFailedStatus(v.pod, "ErrImagePull", metav1.NewTime(now))
	status.HostIP, status.HostIPs = hostIP, []corev1.HostIP{{IP: hostIP}}
	return 0, s.writeStatus(ctx, v.pod, status)
}

// playInitFailure fails the pod's first init container once more, after
// the back-off from its last failure, or once it has failed as often as
// scripted starts the pod after that back-off; with restartPolicy Never the
// first failure ends the pod.
func (s *Simulator) playInitFailure(ctx context.Context, v *podView) (time.Duration, error) {
	now := s.clock.Now()
	exit := v.life.initExit
	exit.StartedAt, exit.FinishedAt = metav1.NewTime(now), metav1.NewTime(now)
	init, ok := firstInitStatus(v.pod)
	if !ok || initFailures(v.pod) == 0 {
		phase := corev1.PodPending
		if v.pod.Spec.RestartPolicy == corev1.RestartPolicyNever {
			phase = corev1.PodFailed
		}
		return 0, s.writeStatus(ctx, v.pod, initFailedStatus(v.pod, phase, exit, 0, 0))
	}
	last := init.State.Terminated
	if last == nil {
		last = init.LastTerminationState.Terminated
	}
	backoff := backoffAfter(init.RestartCount)
	if wait := last.FinishedAt.Add(backoff).Sub(now); wait > 0 {
		return wait, nil
	}
	if initFailures(v.pod) >= v.life.initFailures {
		return s.startPod(ctx, v)
	}
	return 0, s.writeStatus(ctx, v.pod, initFailedStatus(v.pod, corev1.PodPending, exit, init.RestartCount+1, backoffAfter(init.RestartCount+1)))
}

// pullFailedStatus is the status of a pending pod whose images fail to
// pull, its containers waiting with reason.
func pullFailedStatus(pod *corev1.Pod, reason string, now metav1.Time) corev1.PodStatus {
	s := *pod.Status.DeepCopy()
	s.Phase = corev1.PodPending
	if s.StartTime == nil {
		s.StartTime = &now
	}
	s.Conditions = sandboxReady(podConditions(s.Conditions, corev1.ConditionFalse, "ContainersNotReady", now))
	s.InitContainerStatuses = initStatuses(pod, now)
	s.ContainerStatuses = waitingStatuses(pod, func(c corev1.Container) *corev1.ContainerStateWaiting {
		msg := fmt.Sprintf("Back-off pulling image %q", c.Image)
		if reason == "ErrImagePull" {
			msg = fmt.Sprintf("Failed to pull image %q: kmctl fault: the image pull fails", c.Image)
		}
		return &corev1.ContainerStateWaiting{Reason: reason, Message: msg}
	})
	return s
}

// initFailedStatus is the status of a pod whose first init container
// failed as exit says after restarts restarts, waiting backoff to restart
// (none when backoff is 0), in phase.
func initFailedStatus(pod *corev1.Pod, phase corev1.PodPhase, exit corev1.ContainerStateTerminated, restarts int32, backoff time.Duration) corev1.PodStatus {
	s := *pod.Status.DeepCopy()
	s.Phase = phase
	if s.StartTime == nil {
		s.StartTime = &exit.FinishedAt
	}
	s.Conditions = sandboxReady(podConditions(s.Conditions, corev1.ConditionFalse, "ContainersNotReady", exit.FinishedAt))
	for i := range s.Conditions {
		if c := &s.Conditions[i]; c.Type == corev1.PodInitialized && c.Status != corev1.ConditionFalse {
			c.Status, c.Reason, c.LastTransitionTime = corev1.ConditionFalse, "ContainersNotInitialized", exit.FinishedAt
		}
	}
	s.InitContainerStatuses = nil
	for i, c := range pod.Spec.InitContainers {
		st := baseStatus(pod, c)
		switch {
		case i > 0:
			st.State.Waiting = &corev1.ContainerStateWaiting{Reason: "PodInitializing"}
		case backoff == 0:
			st.State.Terminated = exit.DeepCopy()
		default:
			st.LastTerminationState.Terminated = exit.DeepCopy()
			st.State.Waiting = &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff",
				Message: fmt.Sprintf("back-off %s restarting failed container=%s pod=%s_%s(%s)", backoff, c.Name, pod.Name, pod.Namespace, pod.UID)}
		}
		if i == 0 {
			st.RestartCount = restarts
		}
		st.Started = ptr(false)
		s.InitContainerStatuses = append(s.InitContainerStatuses, st)
	}
	s.ContainerStatuses = waitingStatuses(pod, func(corev1.Container) *corev1.ContainerStateWaiting {
		return &corev1.ContainerStateWaiting{Reason: "PodInitializing"}
	})
	return s
}

// waitingStatuses reports every container waiting as waiting says.
func waitingStatuses(pod *corev1.Pod, waiting func(corev1.Container) *corev1.ContainerStateWaiting) []corev1.ContainerStatus {
	out := make([]corev1.ContainerStatus, 0, len(pod.Spec.Containers))
	for _, c := range pod.Spec.Containers {
		st := baseStatus(pod, c)
		st.State.Waiting = waiting(c)
		st.Started = ptr(false)
		out = append(out, st)
	}
	return out
}

// sandboxReady marks the pod's sandbox ready: its containers are what fails.
func sandboxReady(conds []corev1.PodCondition) []corev1.PodCondition {
	for i := range conds {
		if conds[i].Type == corev1.PodReadyToStartContainers {
			conds[i].Status = corev1.ConditionTrue
		}
	}
	return conds
}

// waitingReason is why the pod's first container waits, "" if it does not.
func waitingReason(p *corev1.Pod) string {
	if len(p.Status.ContainerStatuses) == 0 || p.Status.ContainerStatuses[0].State.Waiting == nil {
		return ""
	}
	return p.Status.ContainerStatuses[0].State.Waiting.Reason
}

// firstInitStatus is the status of the pod's first init container.
func firstInitStatus(p *corev1.Pod) (corev1.ContainerStatus, bool) {
	if len(p.Status.InitContainerStatuses) == 0 {
		return corev1.ContainerStatus{}, false
	}
	return p.Status.InitContainerStatuses[0], true
}

// initFailures is how often the pod's first init container has failed.
func initFailures(p *corev1.Pod) int32 {
	st, ok := firstInitStatus(p)
	if !ok {
		return 0
	}
	for _, t := range []*corev1.ContainerStateTerminated{st.State.Terminated, st.LastTerminationState.Terminated} {
		if t != nil && t.ExitCode != 0 {
			return st.RestartCount + 1
		}
	}
	return 0
}

// failsInit is true for a pod whose first init container (a plain one,
// not a sidecar) is still to fail, or waits out the back-off of a failure.
func failsInit(v *podView) bool {
	init := v.pod.Spec.InitContainers
	if len(init) == 0 || init[0].RestartPolicy != nil {
		return false
	}
	if st, ok := firstInitStatus(v.pod); ok && st.State.Waiting != nil && st.State.Waiting.Reason == "CrashLoopBackOff" {
		return true
	}
	return initFailures(v.pod) < v.life.initFailures
}
