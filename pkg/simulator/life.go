package simulator

import (
	"fmt"
	"strconv"
	"strings"
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
	// initExit is how a failing init container exits (see initFailures).
	initExit corev1.ContainerStateTerminated
	// notReady keeps running containers unready.
	notReady bool
	// readyPeriod, when above 0, flips their readiness every period.
	readyPeriod time.Duration
	// faultEnds is when the scripted faults (fail-after, ready) end; zero
	// when none is set or they never end.
	faultEnds time.Time
	// pullFails keeps the pod Pending, its images failing to pull.
	pullFails bool
	// initFailures is how often the first init container fails.
	initFailures int32
	// graceCap, when above 0, is the longest a graceful deletion takes.
	graceCap time.Duration
	// runningDelay, when set, replaces the simulator's running delay.
	runningDelay    time.Duration
	hasRunningDelay bool
	// problems are annotations that do not parse, which count as unset.
	problems []noteProblem
}

// noteProblem is an annotation value that does not parse.
type noteProblem struct {
	note, value string
	err         error
}

func (p noteProblem) String() string {
	return fmt.Sprintf("annotation %s=%q ignored: %v", p.note, p.value, p.err)
}

// script is what scripts pods' lives besides their own annotations.
type script struct {
	// lifecycle gives populations of pods a life; nil gives none.
	lifecycle *Lifecycle
	// jobDelay is how long a Job's pod that ends on its own runs (see jobPodEnds).
	jobDelay time.Duration
}

// lifeOf reads the life scripted for pod at now.
func (sc script) lifeOf(pod *corev1.Pod, now time.Time) podLife {
	return lifeOfNotes(sc.lifecycle.notesFor(pod), jobPodEnds(pod), now, sc.jobDelay)
}

// lifeOfNotes reads the life that notes (annotations) script at now, for a
// pod that, as a Job's pod, would end after jobDelay when jobEnds.
func lifeOfNotes(notes map[string]string, jobEnds bool, now time.Time, jobDelay time.Duration) podLife {
	l := podLife{runFor: -1}
	if !scripted(notes) { // most pods: read at every event of every pod
		if jobEnds {
			l.runFor, l.exit = jobDelay, completed()
		}
		return l
	}
	faulty := l.readFaultEnd(notes, now)
	if d, ok := l.duration(notes, AnnotationFailAfter); ok && faulty {
		l.runFor, l.exit = d, l.readFailure(notes)
	} else if d, ok := l.duration(notes, AnnotationCompleteAfter); ok {
		l.runFor, l.exit = d, completed()
	} else if jobEnds {
		l.runFor, l.exit = jobDelay, completed()
	}
	l.runningDelay, l.hasRunningDelay = l.duration(notes, AnnotationRunningDelay)
	l.graceCap, _ = l.duration(notes, AnnotationTerminationGraceCap)
	if faulty {
		l.pullFails, _ = l.boolean(notes, AnnotationImagePullFails)
		l.initFailures = l.count(notes, AnnotationInitFailures)
	}
	if l.initFailures > 0 {
		l.initExit = l.readFailure(notes)
	}
	if ready, ok := l.boolean(notes, AnnotationReady); ok && faulty {
		l.notReady = !ready
	}
	if d, ok := l.duration(notes, AnnotationReadyPeriod); ok && faulty && d > 0 {
		l.readyPeriod = d
	}
	return l
}

// boolean reads a true/false annotation; ok is false when unset or bad.
func (l *podLife) boolean(notes map[string]string, name string) (value, ok bool) {
	v, set := notes[name]
	if !set {
		return false, false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		err = fmt.Errorf("want true or false")
	}
	l.note(name, v, err)
	return b, err == nil
}

// count reads a positive count annotation; unset or bad is 0.
func (l *podLife) count(notes map[string]string, name string) int32 {
	v, ok := notes[name]
	if !ok {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err == nil && n < 1 {
		err = fmt.Errorf("want a count of 1 or more")
	}
	l.note(name, v, err)
	if err != nil {
		return 0
	}
	return int32(n)
}

// readyAt is whether containers running since since are ready at now,
// and, when that changes by itself, how long until it does.
func (l podLife) readyAt(since, now time.Time) (ready bool, changesIn time.Duration) {
	if l.notReady {
		return false, 0
	}
	if l.readyPeriod <= 0 {
		return true, 0
	}
	ran := max(now.Sub(since), 0)
	periods := ran / l.readyPeriod
	return periods%2 == 0, (periods+1)*l.readyPeriod - ran
}

// endsOnItsOwn is true for a pod whose containers exit without being told to.
func (l podLife) endsOnItsOwn() bool { return l.runFor >= 0 }

// scripted is true when notes hold an annotation of kmctl's.
func scripted(notes map[string]string) bool {
	for k := range notes {
		if strings.HasPrefix(k, "kmctl.dev/") {
			return true
		}
	}
	return false
}

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

// untilFaultsEnd is how long until the faults end, 0 if they never do.
func (l podLife) untilFaultsEnd(now time.Time) time.Duration {
	if l.faultEnds.IsZero() {
		return 0
	}
	return max(l.faultEnds.Sub(now), time.Millisecond)
}

// readFailure is how a failing container exits: exit-reason (Error by
// default) and exit-code (137 for OOMKilled, else 1, by default).
func (l *podLife) readFailure(notes map[string]string) corev1.ContainerStateTerminated {
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
		l.problems = append(l.problems, noteProblem{name, value, err})
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
