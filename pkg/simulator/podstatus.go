package simulator

import (
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// runningStatus is the status a kubelet reports once all of pod's containers run.
func runningStatus(pod *corev1.Pod, hostIP, podIP string, now metav1.Time) corev1.PodStatus {
	s := *pod.Status.DeepCopy()
	s.Phase = corev1.PodRunning
	s.HostIP, s.HostIPs = hostIP, []corev1.HostIP{{IP: hostIP}}
	s.PodIP, s.PodIPs = podIP, []corev1.PodIP{{IP: podIP}}
	if s.StartTime == nil {
		s.StartTime = &now
	}
	s.Conditions = withScheduled(podConditions(s.Conditions, corev1.ConditionTrue, "", now), now)
	s.InitContainerStatuses = initStatuses(pod, now)
	s.ContainerStatuses = containerStatuses(pod, s.ContainerStatuses, now, nil)
	return s
}

// completedStatus is the status of a pod whose containers all exited 0.
func completedStatus(pod *corev1.Pod, now metav1.Time) corev1.PodStatus {
	return endedStatus(pod, now, corev1.PodSucceeded, "PodCompleted", corev1.ContainerStateTerminated{ExitCode: 0, Reason: "Completed"})
}

// stoppedStatus is the status a kubelet reports for a pod it stopped because
// the pod is being deleted: every container terminated by the signal
// (SIGTERM, exit 143), and the pod Failed.
func stoppedStatus(pod *corev1.Pod, now metav1.Time) corev1.PodStatus {
	return endedStatus(pod, now, corev1.PodFailed, "PodFailed", corev1.ContainerStateTerminated{ExitCode: 143, Reason: "Error"})
}

// endedStatus is the status of a pod in phase whose containers all ended as
// done says, now; reason goes on its Ready and ContainersReady conditions.
func endedStatus(pod *corev1.Pod, now metav1.Time, phase corev1.PodPhase, reason string, done corev1.ContainerStateTerminated) corev1.PodStatus {
	s := *pod.Status.DeepCopy()
	s.Phase = phase
	s.Conditions = podConditions(s.Conditions, corev1.ConditionFalse, reason, now)
	done.FinishedAt = now
	s.ContainerStatuses = containerStatuses(pod, s.ContainerStatuses, now, &done)
	stopSidecars(&s, now)
	return s
}

// stopSidecars terminates the sidecars of a pod that ended, as a kubelet
// does once the main containers are done.
func stopSidecars(s *corev1.PodStatus, now metav1.Time) {
	for i := range s.InitContainerStatuses {
		c := &s.InitContainerStatuses[i]
		if run := c.State.Running; run != nil {
			c.State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 0, Reason: "Completed", StartedAt: run.StartedAt, FinishedAt: now}}
			c.Started, c.Ready = ptr(false), false
		}
	}
}

// exitedStatus is the status of a pod whose containers exited as exit says
// and stay down: Succeeded when the exit code is 0, else Failed.
func exitedStatus(pod *corev1.Pod, exit corev1.ContainerStateTerminated) corev1.PodStatus {
	if exit.ExitCode == 0 {
		return endedStatus(pod, exit.FinishedAt, corev1.PodSucceeded, "PodCompleted", exit)
	}
	return endedStatus(pod, exit.FinishedAt, corev1.PodFailed, "PodFailed", exit)
}

// restartedStatus counts one restart of every container, now running again
// (ready or not), as a kubelet does; exit, if not nil, is the end of the
// run before (a container restarted at once), else the containers waited
// out a back-off that recorded it.
func restartedStatus(pod *corev1.Pod, exit *corev1.ContainerStateTerminated, ready bool, now metav1.Time) corev1.PodStatus {
	s := *pod.Status.DeepCopy()
	for i := range s.ContainerStatuses {
		c := &s.ContainerStatuses[i]
		c.RestartCount++
		if exit != nil {
			c.LastTerminationState = corev1.ContainerState{Terminated: exit.DeepCopy()}
		}
		c.State = corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}}
		c.Started = ptr(true)
	}
	setReadiness(&s, ready, now)
	return s
}

// backOffStatus is the status of a running pod whose containers exited as
// exit says and wait backoff to restart (CrashLoopBackOff).
func backOffStatus(pod *corev1.Pod, exit corev1.ContainerStateTerminated, backoff time.Duration) corev1.PodStatus {
	s := *pod.Status.DeepCopy()
	for i := range s.ContainerStatuses {
		c := &s.ContainerStatuses[i]
		c.LastTerminationState = corev1.ContainerState{Terminated: exit.DeepCopy()}
		c.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{
			Reason:  "CrashLoopBackOff",
			Message: fmt.Sprintf("back-off %s restarting failed container=%s pod=%s_%s(%s)", backoff, c.Name, pod.Name, pod.Namespace, pod.UID),
		}}
		c.Started = ptr(false)
	}
	setReadiness(&s, false, exit.FinishedAt)
	return s
}

// setReadiness sets the Ready and ContainersReady conditions and the
// readiness of the running containers; the containers not running are
// never ready.
func setReadiness(s *corev1.PodStatus, ready bool, now metav1.Time) {
	var unready []string
	for i := range s.ContainerStatuses {
		c := &s.ContainerStatuses[i]
		c.Ready = ready && c.State.Running != nil
		if !c.Ready {
			unready = append(unready, c.Name)
		}
	}
	status, reason, message := corev1.ConditionTrue, "", ""
	if len(unready) > 0 {
		status, reason = corev1.ConditionFalse, "ContainersNotReady"
		message = fmt.Sprintf("containers with unready status: [%s]", strings.Join(unready, " "))
	}
	for i := range s.Conditions {
		c := &s.Conditions[i]
		if c.Type != corev1.PodReady && c.Type != corev1.ContainersReady {
			continue
		}
		if c.Status != status {
			c.LastTransitionTime = now
		}
		c.Status, c.Reason, c.Message = status, reason, message
	}
}

// podConditions sets the kubelet-owned conditions, keeping PodScheduled and
// others that the scheduler or users own.
func podConditions(old []corev1.PodCondition, ready corev1.ConditionStatus, reason string, now metav1.Time) []corev1.PodCondition {
	set := map[corev1.PodConditionType]corev1.PodCondition{
		corev1.PodReadyToStartContainers: {Type: corev1.PodReadyToStartContainers, Status: corev1.ConditionTrue},
		corev1.PodInitialized:            {Type: corev1.PodInitialized, Status: corev1.ConditionTrue},
		corev1.ContainersReady:           {Type: corev1.ContainersReady, Status: ready, Reason: reason},
		corev1.PodReady:                  {Type: corev1.PodReady, Status: ready, Reason: reason},
	}
	if ready == corev1.ConditionFalse {
		set[corev1.PodReadyToStartContainers] = corev1.PodCondition{Type: corev1.PodReadyToStartContainers, Status: corev1.ConditionFalse}
	}
	out := make([]corev1.PodCondition, 0, len(old)+len(set))
	for _, c := range old {
		if want, ok := set[c.Type]; ok {
			delete(set, c.Type)
			want.LastTransitionTime = c.LastTransitionTime
			if c.Status != want.Status {
				want.LastTransitionTime = now
			}
			c = want
		}
		out = append(out, c)
	}
	for _, t := range []corev1.PodConditionType{corev1.PodReadyToStartContainers, corev1.PodInitialized, corev1.ContainersReady, corev1.PodReady} {
		if c, ok := set[t]; ok {
			c.LastTransitionTime = now
			out = append(out, c)
		}
	}
	return out
}

// withScheduled adds PodScheduled=True when the pod has no PodScheduled
// condition, as a kubelet does for a pod created with spec.nodeName (no
// scheduler saw it): `kubectl wait --for=condition=PodScheduled` and
// startup figures from binding need it.
func withScheduled(conds []corev1.PodCondition, now metav1.Time) []corev1.PodCondition {
	for _, c := range conds {
		if c.Type == corev1.PodScheduled {
			return conds
		}
	}
	return append([]corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: now}}, conds...)
}

// initStatuses reports the init containers completed, and the sidecars
// running; an init container that failed before counts one more restart.
func initStatuses(pod *corev1.Pod, now metav1.Time) []corev1.ContainerStatus {
	out := make([]corev1.ContainerStatus, 0, len(pod.Spec.InitContainers))
	for i, c := range pod.Spec.InitContainers {
		st := baseStatus(pod, c)
		if i == 0 {
			if failed := initFailures(pod); failed > 0 {
				st.RestartCount = failed
			}
		}
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			st.State.Running = &corev1.ContainerStateRunning{StartedAt: now}
			st.Started, st.Ready = ptr(true), true
		} else {
			st.State.Terminated = &corev1.ContainerStateTerminated{ExitCode: 0, Reason: "Completed", StartedAt: now, FinishedAt: now}
			st.Started, st.Ready = ptr(false), true
		}
		out = append(out, st)
	}
	return out
}

// containerStatuses reports every container running, or terminated with done.
func containerStatuses(pod *corev1.Pod, old []corev1.ContainerStatus, now metav1.Time, done *corev1.ContainerStateTerminated) []corev1.ContainerStatus {
	before := map[string]corev1.ContainerStatus{}
	for _, o := range old {
		before[o.Name] = o
	}
	out := make([]corev1.ContainerStatus, 0, len(pod.Spec.Containers))
	for _, c := range pod.Spec.Containers {
		st := baseStatus(pod, c)
		was := before[c.Name]
		st.RestartCount, st.LastTerminationState = was.RestartCount, was.LastTerminationState
		if done != nil {
			t := *done
			if t.StartedAt.IsZero() {
				t.StartedAt = startedAt(pod, now)
			}
			if was.State.Running != nil {
				t.StartedAt = was.State.Running.StartedAt
			}
			st.State.Terminated = &t
			st.Started, st.Ready = ptr(false), false
		} else {
			st.State.Running = &corev1.ContainerStateRunning{StartedAt: now}
			st.Started, st.Ready = ptr(true), true
		}
		out = append(out, st)
	}
	return out
}

func baseStatus(pod *corev1.Pod, c corev1.Container) corev1.ContainerStatus {
	return corev1.ContainerStatus{
		Name:        c.Name,
		Image:       c.Image,
		ImageID:     "kmctl://" + c.Image,
		ContainerID: "kmctl://" + string(pod.UID) + "/" + c.Name,
	}
}

func startedAt(pod *corev1.Pod, now metav1.Time) metav1.Time {
	if pod.Status.StartTime != nil {
		return *pod.Status.StartTime
	}
	return now
}

func ptr[T any](v T) *T { return &v }
