package simulator

import (
	"fmt"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// podLife is what is scripted for one pod's life at one moment: read from
// its annotations, so that it is the same for the worker, for compaction
// and after a simulator restart.
type podLife struct {
	// runFor is how long the containers run after each (re)start before
	// they exit as exit says; -1 means until the pod is deleted.
	runFor time.Duration
	exit   corev1.ContainerStateTerminated
	// notReady keeps running containers unready.
	notReady bool
	// faultEnds is when the scripted faults (fail-after, ready) end; zero
	// when none is set or they never end.
	faultEnds time.Time
	// problems are annotations that do not parse, which count as unset.
	problems []string
}

// lifeOf reads the life scripted for pod at now. A Job's pod that ends on
// its own runs for jobDelay (see jobPodEnds).
func lifeOf(pod *corev1.Pod, now time.Time, jobDelay time.Duration) podLife {
	l := podLife{runFor: -1}
	faulty := l.readFaultEnd(pod.Annotations, now)
	if d, ok := l.duration(pod.Annotations, AnnotationFailAfter); ok && faulty {
		l.runFor, l.exit = d, l.failure(pod.Annotations)
	} else if d, ok := l.duration(pod.Annotations, AnnotationCompleteAfter); ok {
		l.runFor, l.exit = d, completed()
	} else if jobPodEnds(pod) {
		l.runFor, l.exit = jobDelay, completed()
	}
	if v, ok := pod.Annotations[AnnotationReady]; ok && faulty {
		ready, err := strconv.ParseBool(v)
		l.note(AnnotationReady, v, err)
		l.notReady = err == nil && !ready
	}
	return l
}

// endsOnItsOwn is true for a pod whose containers exit without being told to.
func (l podLife) endsOnItsOwn() bool { return l.runFor >= 0 }

// wake is when to look at a pod again that waits d at now: no later than
// its faults end, which changes what is due.
func (l podLife) wake(d time.Duration, now time.Time) time.Duration {
	if !l.faultEnds.IsZero() {
		d = min(d, l.faultEnds.Sub(now))
	}
	return max(d, time.Millisecond)
}

// readFaultEnd reads fault-until and reports whether the faults are on at now.
func (l *podLife) readFaultEnd(notes map[string]string, now time.Time) bool {
	v, ok := notes[AnnotationFaultUntil]
	if !ok {
		return true
	}
	end, err := time.Parse(time.RFC3339, v)
	l.note(AnnotationFaultUntil, v, err)
	if err != nil {
		return true
	}
	if now.Before(end) {
		l.faultEnds = end
	}
	return now.Before(end)
}

// duration reads a non-negative duration annotation.
func (l *podLife) duration(notes map[string]string, name string) (time.Duration, bool) {
	v, ok := notes[name]
	if !ok {
		return 0, false
	}
	d, err := time.ParseDuration(v)
	if err == nil && d < 0 {
		err = fmt.Errorf("negative")
	}
	l.note(name, v, err)
	return d, err == nil
}

// failure is how a failing container exits: exit-reason (Error by default)
// and exit-code (137 for OOMKilled, else 1, by default).
func (l *podLife) failure(notes map[string]string) corev1.ContainerStateTerminated {
	t := corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error"}
	if v, ok := notes[AnnotationExitReason]; ok {
		switch v {
		case "Error":
		case "OOMKilled":
			t = corev1.ContainerStateTerminated{ExitCode: 137, Reason: v}
		default:
			l.note(AnnotationExitReason, v, fmt.Errorf("not Error or OOMKilled"))
		}
	}
	if v, ok := notes[AnnotationExitCode]; ok {
		code, err := strconv.ParseInt(v, 10, 32)
		if err == nil && code == 0 {
			err = fmt.Errorf("0 is success: use %s instead", AnnotationCompleteAfter)
		}
		l.note(AnnotationExitCode, v, err)
		if err == nil {
			t.ExitCode = int32(code)
		}
	}
	return t
}

func completed() corev1.ContainerStateTerminated {
	return corev1.ContainerStateTerminated{ExitCode: 0, Reason: "Completed"}
}

// note records an annotation that does not parse.
func (l *podLife) note(name, value string, err error) {
	if err != nil {
		l.problems = append(l.problems, fmt.Sprintf("annotation %s=%q ignored: %v", name, value, err))
	}
}

// restarts reports whether a container that exited with code restarts
// under the pod's restartPolicy (which the apiserver always sets).
func restarts(pod *corev1.Pod, code int32) bool {
	switch pod.Spec.RestartPolicy {
	case corev1.RestartPolicyAlways:
		return true
	case corev1.RestartPolicyOnFailure:
		return code != 0
	}
	return false
}
