package simulator

import (
	"context"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// podView is either form of a cached pod, as the rules see it.
type podView struct {
	key string
	// del is the pod's deletion; its timestamp is nil for a pod not deleted.
	del        deletion
	finalizers int
	ended      bool
	// hostNetwork pods report their node's IP, which no pool hands out.
	hostNetwork bool
	// pod is the whole pod; nil for the compact form, which only deletion
	// rules can claim (compaction keeps whole every pod a life rule could).
	pod  *corev1.Pod
	life podLife
	// now is when the view was read, which the rules judge by.
	now time.Time
	// graceCap is the longest a graceful deletion of the pod takes (see
	// deletion.wait); the compact form keeps it.
	graceCap time.Duration
	// node is the pod's node, looked up once by the worker.
	node *corev1.Node
	// rec is the simulator's record of the pod; nil for a pod of a node
	// that is not (or no longer) the simulator's.
	rec *podState
	// readyHold is when the readiness probes of a pod whose kubelet
	// restarted pass again; zero if none is held.
	readyHold time.Time
}

// readyAt is whether containers running since since are ready at now, and
// how long until that changes: as the pod's life says, but not ready while
// a kubelet restart holds its readiness probes back.
func (v *podView) readyAt(since, now time.Time) (ready bool, changesIn time.Duration) {
	if v.readyHold.After(now) {
		return false, v.readyHold.Sub(now)
	}
	return v.life.readyAt(since, now)
}

// podRule is one step of a pod's life as a kubelet plays it. The first rule
// in podRules that claims a pod decides what happens to it next; a pod no
// rule claims is settled (see isSettled), so a new rule cannot be missed by
// compaction.
type podRule struct {
	name   string
	claims func(v *podView) bool
	// onCompact is true for a rule that can play on the compact form.
	onCompact bool
	// play writes the step, or returns how long until it is due.
	play func(s *Simulator, ctx context.Context, v *podView) (wait time.Duration, err error)
}

// podRules are the steps in the order they are tried.
var podRules = []podRule{
	{"finish deletion", func(v *podView) bool { return v.deleting() }, true, (*Simulator).playDeletion},
	{"stop for finalizers", func(v *podView) bool { return v.awaitsEnd() }, true, (*Simulator).playStop},
	{"image pull failure", func(v *podView) bool { return v.live() && !isRunning(v.pod) && v.life.pullFails }, false, (*Simulator).playPullFailure},
	{"init failure", func(v *podView) bool { return v.live() && !isRunning(v.pod) && failsInit(v) }, false, (*Simulator).playInitFailure},
	{"start", func(v *podView) bool { return v.live() && !isRunning(v.pod) }, false, (*Simulator).startPod},
	{"readiness", func(v *podView) bool { return v.live() && containersRun(v.pod) && readinessWrong(v) }, false, (*Simulator).playReadiness},
	{"exit", func(v *podView) bool { return v.live() && containersRun(v.pod) && v.life.endsOnItsOwn() }, false, (*Simulator).playExit},
	{"restart", func(v *podView) bool { return v.live() && backingOff(v.pod) }, false, (*Simulator).playRestart},
	{"readiness change", func(v *podView) bool { return v.live() && containersRun(v.pod) && readinessChanges(v) }, false, (*Simulator).playReadiness},
}

// ruleFor is the rule that decides the pod's next step, nil if none does.
func ruleFor(v *podView) *podRule {
	for i := range podRules {
		if podRules[i].claims(v) {
			return &podRules[i]
		}
	}
	return nil
}

// viewOf reads either form of pod at now, its life scripted by sc.
func viewOf(obj any, now time.Time, sc script) (*podView, bool) {
	switch p := obj.(type) {
	case *corev1.Pod:
		life := sc.lifeOf(p, now)
		return &podView{
			del: deletionOf(p), finalizers: len(p.Finalizers), ended: ended(p), hostNetwork: p.Spec.HostNetwork,
			pod: p, life: life, graceCap: life.graceCap, now: now,
		}, true
	case *settledPod:
		return &podView{
			del:        deletion{p.Namespace, p.Name, p.UID, p.DeletionTimestamp, p.DeletionGracePeriodSeconds},
			finalizers: len(p.Finalizers), ended: p.Ended, hostNetwork: p.HostNetwork,
			graceCap: p.GraceCap, now: now,
		}, true
	}
	return nil, false
}

// deleting is true for a pod whose deletion waits only for its kubelet.
func (v *podView) deleting() bool { return v.del.timestamp != nil && v.finalizers == 0 }

// awaitsEnd is true for a pod being deleted that finalizers hold until it
// ends: a Job's pods under a podFailurePolicy (or podReplacementPolicy
// Failed) keep the Job controller's finalizer until their phase is Failed. A
// kubelet stops the containers and reports that phase before it lets the
// deletion finish; without it such a pod stays Terminating for ever.
func (v *podView) awaitsEnd() bool {
	return v.del.timestamp != nil && v.finalizers > 0 && !v.ended
}

// live is true for a whole pod that neither ended nor is being deleted.
func (v *podView) live() bool {
	return v.pod != nil && v.del.timestamp == nil && !v.ended
}

// isRunning is true once a pod's Running status (with its IP) is written.
func isRunning(p *corev1.Pod) bool {
	return p.Status.Phase == corev1.PodRunning && p.Status.PodIP != ""
}

// containersRun is true for a running pod whose containers all run.
func containersRun(p *corev1.Pod) bool {
	if !isRunning(p) {
		return false
	}
	for _, c := range p.Status.ContainerStatuses {
		if c.State.Running == nil {
			return false
		}
	}
	return true
}

// backingOff is true for a running pod with a container waiting to restart.
func backingOff(p *corev1.Pod) bool {
	if !isRunning(p) {
		return false
	}
	for _, c := range p.Status.ContainerStatuses {
		if c.State.Waiting != nil {
			return true
		}
	}
	return false
}

// readinessWrong is true when the pod's readiness is not what its life
// says at the view's time.
func readinessWrong(v *podView) bool {
	ready, _ := v.readyAt(runningSince(v.pod, v.now), v.now)
	return isReady(v.pod) != ready
}

// readinessChanges is true when the pod's readiness will change by itself
// or when its faults end.
func readinessChanges(v *podView) bool {
	_, changes := v.readyAt(runningSince(v.pod, v.now), v.now)
	return changes > 0 || !v.life.faultEnds.IsZero()
}

// isReady reports the pod's Ready condition.
func isReady(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

func (s *Simulator) playDeletion(ctx context.Context, v *podView) (time.Duration, error) {
	if wait := v.del.wait(s.clock.Now(), v.graceCap); wait > 0 {
		return wait, nil
	}
	return 0, s.deletePod(ctx, v.del.namespace, v.del.name, v.del.uid)
}

func (s *Simulator) playStop(ctx context.Context, v *podView) (time.Duration, error) {
	if wait := v.del.graceWait(s.clock.Now(), v.graceCap); wait > 0 {
		return wait, nil // the containers take their grace to stop
	}
	if v.pod == nil {
		return 0, s.stopSettledPod(ctx, v)
	}
	return 0, s.stopPod(ctx, v.pod)
}

// playExit ends the containers runFor after they (re)started: the pod ends
// if its restartPolicy keeps them down, else they restart, at once the first
// time and after the kubelet's back-off after that (see restartBackoff).
func (s *Simulator) playExit(ctx context.Context, v *podView) (time.Duration, error) {
	now := s.clock.Now()
	since := runningSince(v.pod, now)
	if wait := since.Add(v.life.runFor).Sub(now); wait > 0 {
		if _, changesIn := v.readyAt(since, now); changesIn > 0 {
			wait = min(wait, changesIn) // the readiness rule plays then
		}
		return wait, nil
	}
	exit := v.life.exit
	exit.StartedAt, exit.FinishedAt = metav1.NewTime(since), metav1.NewTime(now)
	var status corev1.PodStatus
	switch {
	case !restarts(v.pod, exit.ExitCode):
		status = exitedStatus(v.pod, exit)
	case restartBackoff(v.pod) == 0 || now.Sub(since) >= backoffReset:
		ready, _ := v.readyAt(now, now)
		status = restartedStatus(v.pod, &exit, ready, exit.FinishedAt)
	default:
		status = backOffStatus(v.pod, exit, restartBackoff(v.pod))
	}
	return 0, s.writeStatus(ctx, v.pod, status)
}

// backoffReset is how long a container runs before a kubelet forgets its
// back-off, restarting it at once when it exits again.
const backoffReset = 10 * time.Minute

// playRestart restarts the containers waiting out their back-off.
func (s *Simulator) playRestart(ctx context.Context, v *podView) (time.Duration, error) {
	now := s.clock.Now()
	if wait := lastExit(v.pod).Add(restartBackoff(v.pod)).Sub(now); wait > 0 {
		return wait, nil
	}
	ready, _ := v.readyAt(now, now)
	return 0, s.writeStatus(ctx, v.pod, restartedStatus(v.pod, nil, ready, metav1.NewTime(now)))
}

// playReadiness writes the readiness the pod's life asks for, or waits for
// its faults to end (the worker wakes it then).
func (s *Simulator) playReadiness(ctx context.Context, v *podView) (time.Duration, error) {
	now := s.clock.Now()
	ready, changesIn := v.readyAt(runningSince(v.pod, now), now)
	if isReady(v.pod) == ready {
		if changesIn > 0 {
			return changesIn, nil
		}
		return v.life.untilFaultsEnd(now), nil
	}
	status := *v.pod.Status.DeepCopy()
	setReadiness(&status, ready, metav1.NewTime(now))
	return 0, s.writeStatus(ctx, v.pod, status)
}

// writeStatus writes status as pod's new status.
func (s *Simulator) writeStatus(ctx context.Context, pod *corev1.Pod, status corev1.PodStatus) error {
	updated := pod.DeepCopy()
	updated.Status = status
	_, err := s.writePodStatus(ctx, updated)
	return err
}

// lastExit is when the pod's containers last exited.
func lastExit(p *corev1.Pod) time.Time {
	var last time.Time
	for _, c := range p.Status.ContainerStatuses {
		if t := c.LastTerminationState.Terminated; t != nil && t.FinishedAt.After(last) {
			last = t.FinishedAt.Time
		}
	}
	return last
}
