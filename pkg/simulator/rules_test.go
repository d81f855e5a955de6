package simulator

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clocktesting "k8s.io/utils/clock/testing"
)

// t0 is when the pods of the rule table started running.
var t0 = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// runningPod is boundPod running since t0 under policy, annotated with notes.
func runningPod(policy corev1.RestartPolicy, notes map[string]string) *corev1.Pod {
	pod := boundPod()
	pod.Spec.RestartPolicy, pod.Annotations = policy, notes
	pod.Status = runningStatus(pod, "10.0.0.1", "10.0.0.7", metav1.NewTime(t0))
	return pod
}

// crashed is pod after n restarts, its containers waiting since t0 to restart.
func crashed(pod *corev1.Pod, n int32) *corev1.Pod {
	pod.Status = backOffStatus(pod, corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error", FinishedAt: metav1.NewTime(t0)}, restartBackoff(pod))
	for i := range pod.Status.ContainerStatuses {
		pod.Status.ContainerStatuses[i].RestartCount = n
	}
	return pod
}

// step is what the rules did with a pod at one moment.
type step struct {
	rule   string // "" when no rule claims the pod
	wait   time.Duration
	status *corev1.PodStatus // written, nil if none
}

// playAt runs the rule that claims pod at now against a fake apiserver.
func playAt(t *testing.T, pod *corev1.Pod, now time.Time) step {
	t.Helper()
	ts := newTestSim(t, DefaultOptions())
	ts.script.jobDelay = 5 * time.Second
	ts.clock = clocktesting.NewFakeClock(now)
	node := ts.addNode(t, "n1", "10.0.0.0/24")
	ctx := context.Background()
	if _, err := ts.client.CoreV1().Pods(pod.Namespace).Create(ctx, pod, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	v := ts.view("default/p", pod, node)
	rule := ruleFor(v)
	if rule == nil {
		return step{}
	}
	wait, err := rule.play(ts.Simulator, ctx, v)
	if err != nil {
		t.Fatalf("%s: %v", rule.name, err)
	}
	out := step{rule: rule.name, wait: wait}
	if ts.statusWrites("pods") > 0 {
		got, err := ts.client.CoreV1().Pods(pod.Namespace).Get(ctx, pod.Name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out.status = &got.Status
	}
	return out
}

// container is the status of the pod's first container.
func container(s *corev1.PodStatus) corev1.ContainerStatus { return s.ContainerStatuses[0] }

func TestPodRules(t *testing.T) {
	job := func(p *corev1.Pod) *corev1.Pod {
		p.OwnerReferences = []metav1.OwnerReference{{APIVersion: "batch/v1", Kind: "Job", Name: "j"}}
		return p
	}
	fail30 := map[string]string{AnnotationFailAfter: "30s"}
	cases := []struct {
		name  string
		pod   *corev1.Pod
		at    time.Duration // after t0
		rule  string
		wait  time.Duration
		check func(t *testing.T, s *corev1.PodStatus)
	}{
		{name: "pending pod starts ready", pod: boundPod(), rule: "start", check: func(t *testing.T, s *corev1.PodStatus) {
			if s.Phase != corev1.PodRunning || !isReady(&corev1.Pod{Status: *s}) {
				t.Errorf("phase %s, ready %v", s.Phase, isReady(&corev1.Pod{Status: *s}))
			}
		}},
		{name: "pending pod that is never ready", pod: withNotes(boundPod(), AnnotationReady, "false"), rule: "start", check: func(t *testing.T, s *corev1.PodStatus) {
			if s.Phase != corev1.PodRunning || isReady(&corev1.Pod{Status: *s}) || container(s).Ready || container(s).State.Running == nil {
				t.Errorf("want running and unready: %+v", s)
			}
		}},
		{name: "running pod runs for ever", pod: runningPod(corev1.RestartPolicyAlways, nil), at: time.Hour},
		{name: "job pod waits for its delay", pod: job(runningPod(corev1.RestartPolicyNever, nil)), at: time.Second, rule: "exit", wait: 4 * time.Second},
		{name: "job pod succeeds", pod: job(runningPod(corev1.RestartPolicyNever, nil)), at: 5 * time.Second, rule: "exit", check: phaseAndExit(corev1.PodSucceeded, 0, "Completed")},
		{name: "fail-after with Never fails", pod: runningPod(corev1.RestartPolicyNever, fail30), at: 30 * time.Second, rule: "exit", check: phaseAndExit(corev1.PodFailed, 1, "Error")},
		{name: "OOMKilled exits 137", pod: runningPod(corev1.RestartPolicyNever, map[string]string{AnnotationFailAfter: "1s", AnnotationExitReason: "OOMKilled"}), at: time.Second, rule: "exit", check: phaseAndExit(corev1.PodFailed, 137, "OOMKilled")},
		{name: "exit code is kept", pod: runningPod(corev1.RestartPolicyOnFailure, map[string]string{AnnotationFailAfter: "0s", AnnotationExitCode: "3"}), rule: "exit", check: func(t *testing.T, s *corev1.PodStatus) {
			if c := container(s); c.LastTerminationState.Terminated == nil || c.LastTerminationState.Terminated.ExitCode != 3 || c.RestartCount != 1 {
				t.Errorf("want a restart after exit 3: %+v", c)
			}
		}},
		{name: "first crash restarts at once", pod: runningPod(corev1.RestartPolicyAlways, fail30), at: 30 * time.Second, rule: "exit", check: func(t *testing.T, s *corev1.PodStatus) {
			c := container(s)
			if s.Phase != corev1.PodRunning || c.RestartCount != 1 || c.State.Running == nil || c.LastTerminationState.Terminated == nil || c.LastTerminationState.Terminated.Reason != "Error" {
				t.Errorf("want running again with one restart: %+v", c)
			}
		}},
		{name: "second crash backs off", pod: restarted(runningPod(corev1.RestartPolicyAlways, fail30), 1), at: 30 * time.Second, rule: "exit", check: func(t *testing.T, s *corev1.PodStatus) {
			c := container(s)
			if s.Phase != corev1.PodRunning || c.State.Waiting == nil || c.State.Waiting.Reason != "CrashLoopBackOff" ||
				!strings.Contains(c.State.Waiting.Message, "back-off 10s") || c.Ready || isReady(&corev1.Pod{Status: *s}) {
				t.Errorf("want CrashLoopBackOff for 10s, unready: %+v", c)
			}
		}},
		{name: "back-off not over", pod: crashed(runningPod(corev1.RestartPolicyAlways, fail30), 2), at: 5 * time.Second, rule: "restart", wait: 15 * time.Second},
		{name: "back-off over", pod: crashed(runningPod(corev1.RestartPolicyAlways, fail30), 2), at: 20 * time.Second, rule: "restart", check: func(t *testing.T, s *corev1.PodStatus) {
			if c := container(s); c.RestartCount != 3 || c.State.Running == nil || !c.Ready {
				t.Errorf("want running with 3 restarts: %+v", c)
			}
		}},
		{name: "faults over", pod: runningPod(corev1.RestartPolicyAlways, map[string]string{AnnotationFailAfter: "30s", AnnotationFaultUntil: t0.Add(time.Minute).Format(time.RFC3339)}), at: time.Minute},
		{name: "faults end before the exit", pod: runningPod(corev1.RestartPolicyAlways, map[string]string{AnnotationFailAfter: "30s", AnnotationFaultUntil: t0.Add(20 * time.Second).Format(time.RFC3339)}), at: 10 * time.Second, rule: "exit", wait: 20 * time.Second},
		{name: "running pod turns unready", pod: runningPod(corev1.RestartPolicyAlways, map[string]string{AnnotationReady: "false"}), at: time.Second, rule: "readiness", check: func(t *testing.T, s *corev1.PodStatus) {
			if isReady(&corev1.Pod{Status: *s}) || container(s).Ready {
				t.Errorf("want unready: %+v", s.Conditions)
			}
		}},
		{name: "unready until the fault ends", pod: runningPod(corev1.RestartPolicyAlways, map[string]string{AnnotationReady: "false", AnnotationFaultUntil: t0.Add(time.Minute).Format(time.RFC3339)}), at: time.Minute, rule: ""},
		{name: "image pull fails", pod: withNotes(boundPod(), AnnotationImagePullFails, "true"), rule: "image pull failure", check: func(t *testing.T, s *corev1.PodStatus) {
			if s.Phase != corev1.PodPending || s.HostIP == "" || s.PodIP != "" || waitingReason(&corev1.Pod{Status: *s}) != "ErrImagePull" {
				t.Errorf("want Pending with ErrImagePull: %+v", s)
			}
		}},
		{name: "image pull backs off", pod: pulling(), at: 10 * time.Second, rule: "image pull failure", check: func(t *testing.T, s *corev1.PodStatus) {
			if r := waitingReason(&corev1.Pod{Status: *s}); r != "ImagePullBackOff" || s.Phase != corev1.PodPending {
				t.Errorf("want ImagePullBackOff, got %q", r)
			}
		}},
		{name: "image pull failure not yet backing off", pod: pulling(), at: 4 * time.Second, rule: "image pull failure", wait: 6 * time.Second},
		{name: "init container fails first", pod: withNotes(boundPod(), AnnotationInitFailures, "2"), rule: "init failure", check: func(t *testing.T, s *corev1.PodStatus) {
			init := s.InitContainerStatuses[0]
			if s.Phase != corev1.PodPending || init.State.Terminated == nil || init.State.Terminated.ExitCode != 1 || waitingReason(&corev1.Pod{Status: *s}) != "PodInitializing" {
				t.Errorf("want Init:Error: %+v", s)
			}
		}},
		{name: "init container fails with Never", pod: withPolicy(withNotes(boundPod(), AnnotationInitFailures, "2"), corev1.RestartPolicyNever), rule: "init failure", check: func(t *testing.T, s *corev1.PodStatus) {
			if s.Phase != corev1.PodFailed {
				t.Errorf("phase %s, want Failed", s.Phase)
			}
		}},
		{name: "init container fails again at once", pod: initFailed(2, 0), rule: "init failure", check: func(t *testing.T, s *corev1.PodStatus) {
			init := s.InitContainerStatuses[0]
			if init.RestartCount != 1 || init.State.Waiting == nil || init.State.Waiting.Reason != "CrashLoopBackOff" || init.LastTerminationState.Terminated == nil {
				t.Errorf("want Init:CrashLoopBackOff after 1 restart: %+v", init)
			}
		}},
		{name: "init container backs off", pod: initFailed(2, 1), at: 5 * time.Second, rule: "init failure", wait: 5 * time.Second},
		{name: "init container done failing", pod: initFailed(2, 1), at: 10 * time.Second, rule: "init failure", check: func(t *testing.T, s *corev1.PodStatus) {
			if init := s.InitContainerStatuses[0]; s.Phase != corev1.PodRunning || init.RestartCount != 2 || init.State.Terminated == nil || init.State.Terminated.ExitCode != 0 {
				t.Errorf("want Running, the init container completed after 2 restarts: %+v", init)
			}
		}},
		{name: "readiness flips later", pod: runningPod(corev1.RestartPolicyAlways, map[string]string{AnnotationReadyPeriod: "30s"}), at: 10 * time.Second, rule: "readiness change", wait: 20 * time.Second},
		{name: "a Job pod turns unready before it ends", pod: job(runningPod(corev1.RestartPolicyNever, map[string]string{AnnotationReady: "false", AnnotationCompleteAfter: "1h"})), at: time.Second, rule: "readiness", check: func(t *testing.T, s *corev1.PodStatus) {
			if isReady(&corev1.Pod{Status: *s}) {
				t.Error("want unready")
			}
		}},
		{name: "the exit waits for a readiness flip first", pod: runningPod(corev1.RestartPolicyAlways, map[string]string{AnnotationReadyPeriod: "30s", AnnotationCompleteAfter: "1h"}), at: 10 * time.Second, rule: "exit", wait: 20 * time.Second},
		{name: "a long run restarts at once", pod: restarted(runningPod(corev1.RestartPolicyAlways, map[string]string{AnnotationFailAfter: "15m"}), 4), at: 15 * time.Minute, rule: "exit", check: func(t *testing.T, s *corev1.PodStatus) {
			if c := container(s); c.State.Running == nil || c.RestartCount != 5 {
				t.Errorf("want a restart at once after 10 minutes of running: %+v", c)
			}
		}},
		{name: "a pod held by finalizers takes its grace to stop", pod: deleted(runningPod(corev1.RestartPolicyNever, map[string]string{AnnotationTerminationGraceCap: "10s"}), 30), at: 4 * time.Second, rule: "stop for finalizers", wait: 6 * time.Second},
		{name: "readiness flips now", pod: runningPod(corev1.RestartPolicyAlways, map[string]string{AnnotationReadyPeriod: "30s"}), at: 40 * time.Second, rule: "readiness", check: func(t *testing.T, s *corev1.PodStatus) {
			if isReady(&corev1.Pod{Status: *s}) {
				t.Error("want unready in the second period")
			}
		}},
		{name: "bad annotation counts as unset", pod: runningPod(corev1.RestartPolicyNever, map[string]string{AnnotationFailAfter: "soon"}), at: time.Hour},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := playAt(t, c.pod, t0.Add(c.at))
			if got.rule != c.rule || got.wait != c.wait {
				t.Fatalf("rule %q waiting %s, want %q waiting %s", got.rule, got.wait, c.rule, c.wait)
			}
			if (got.status != nil) != (c.check != nil) {
				t.Fatalf("status written: %v, want %v", got.status != nil, c.check != nil)
			}
			if c.check != nil {
				c.check(t, got.status)
			}
			v, _ := viewOf(c.pod, t0.Add(c.at), script{})
			if rule, settled := ruleFor(v), isSettled(c.pod, script{}, t0.Add(c.at)); settled != (rule == nil || rule.onCompact) {
				t.Errorf("settled %v while rule %v claims it: compaction would lose it", settled, rule)
			}
		})
	}
}

// TestUnreadyPodTurnsReadyWhenItsFaultEnds: a pod kept unready until a
// fault ends is waited on until then, and turns ready after.
func TestUnreadyPodTurnsReadyWhenItsFaultEnds(t *testing.T) {
	notes := map[string]string{AnnotationReady: "false", AnnotationFaultUntil: t0.Add(time.Minute).Format(time.RFC3339)}
	pod := runningPod(corev1.RestartPolicyAlways, notes)
	setReadiness(&pod.Status, false, metav1.NewTime(t0))
	if got := playAt(t, pod.DeepCopy(), t0.Add(10*time.Second)); got.rule != "readiness change" || got.wait != 50*time.Second || got.status != nil {
		t.Fatalf("before the end: %+v, want to wait 50s", got)
	}
	got := playAt(t, pod.DeepCopy(), t0.Add(time.Minute))
	if got.rule != "readiness" || got.status == nil || !isReady(&corev1.Pod{Status: *got.status}) {
		t.Fatalf("after the end: %+v, want ready", got)
	}
}

func TestBadAnnotationsAreReported(t *testing.T) {
	pod := runningPod(corev1.RestartPolicyNever, map[string]string{AnnotationFailAfter: "soon", AnnotationExitReason: "Tired", AnnotationFaultUntil: "tomorrow"})
	l := script{}.lifeOf(pod, t0)
	if len(l.problems) != 2 || !strings.Contains(l.problems[0].String(), AnnotationFaultUntil) {
		t.Errorf("problems %q, want fault-until and fail-after named", l.problems)
	}
	pod.Annotations[AnnotationFailAfter] = "1s"
	if l := (script{}).lifeOf(pod, t0); len(l.problems) != 2 || !strings.Contains(fmt.Sprint(l.problems), "Tired") {
		t.Errorf("problems %q, want the exit reason named", l.problems)
	}
}

func withNotes(p *corev1.Pod, kv ...string) *corev1.Pod {
	p.Annotations = map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Annotations[kv[i]] = kv[i+1]
	}
	return p
}

// restarted is pod running again since t0 after n restarts.
func restarted(p *corev1.Pod, n int32) *corev1.Pod {
	for i := range p.Status.ContainerStatuses {
		p.Status.ContainerStatuses[i].RestartCount = n
	}
	return p
}

func phaseAndExit(phase corev1.PodPhase, code int32, reason string) func(*testing.T, *corev1.PodStatus) {
	return func(t *testing.T, s *corev1.PodStatus) {
		c := container(s)
		if s.Phase != phase || c.State.Terminated == nil || c.State.Terminated.ExitCode != code || c.State.Terminated.Reason != reason {
			t.Errorf("want %s with exit %d %s: phase %s, %+v", phase, code, reason, s.Phase, c.State)
		}
	}
}

func withPolicy(p *corev1.Pod, policy corev1.RestartPolicy) *corev1.Pod {
	p.Spec.RestartPolicy = policy
	return p
}

// pulling is a pod that failed to pull its images at t0, backing off after.
func pulling() *corev1.Pod {
	p := withNotes(boundPod(), AnnotationImagePullFails, "true")
	p.Status = pullFailedStatus(p, "ErrImagePull", metav1.NewTime(t0))
	return p
}

// initFailed is a pod scripted to fail its init container n times, that
// failed once at t0 after restarts restarts.
func initFailed(n, restarts int32) *corev1.Pod {
	p := withNotes(boundPod(), AnnotationInitFailures, fmt.Sprint(n))
	p.Spec.RestartPolicy = corev1.RestartPolicyAlways
	exit := corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error", FinishedAt: metav1.NewTime(t0)}
	p.Status = initFailedStatus(p, corev1.PodPending, exit, restarts, backoffAfter(restarts))
	if restarts == 0 {
		p.Status = initFailedStatus(p, corev1.PodPending, exit, 0, 0)
	}
	return p
}

// deleted is pod deleted at t0 with a grace period of grace seconds, held
// by a finalizer.
func deleted(p *corev1.Pod, grace int64) *corev1.Pod {
	p.DeletionTimestamp = &metav1.Time{Time: t0.Add(time.Duration(grace) * time.Second)}
	p.DeletionGracePeriodSeconds = ptr(grace)
	p.Finalizers = []string{"batch.kubernetes.io/job-tracking"}
	return p
}
