package simulator

import (
	"context"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/client-go/tools/cache"
)

// AnnotationKubeletRestart asks for a restart of the node's kubelet: each new
// value (`kmctl fault node --restart-kubelet` writes the time) is played
// once. The value a simulator finds when it first sees the node is taken as
// played, so a simulator restart replays nothing.
const AnnotationKubeletRestart = "kmctl.dev/kubelet-restart"

// restartKubelet plays a kubelet that restarts, as the control plane sees
// one: it lists the node's pods again from the apiserver (a kubelet's fresh
// watch), registers the node again (its status is written at once, its
// lease renewed), rebuilds the pods' IPs from what they report, and syncs
// every pod again. Containers keep running; those with a readiness probe
// are not ready until the probe passes again (see holdReadiness). A failed
// list leaves the restart to the node's retry.
func (s *Simulator) restartKubelet(ctx context.Context, node *corev1.Node) error {
	list, err := s.client.CoreV1().Pods("").List(ctx, metav1.ListOptions{
		FieldSelector:   fields.OneTermEqualSelector("spec.nodeName", node.Name).String(),
		ResourceVersion: "0", // from the watch cache, as a kubelet's list
	})
	if err != nil {
		return err
	}
	s.recs.restartNode(node.Name, node.Annotations[AnnotationKubeletRestart],
		func() []heldIP { return s.heldIPs(node.Name) }, s.cachedPod)
	s.beats.renewSoon(node.Name)
	now := s.clock.Now()
	for i := range list.Items {
		if err := s.holdReadiness(ctx, &list.Items[i], now); err != nil {
			return err
		}
	}
	s.requeuePodsOf(node.Name)
	return nil
}

// holdReadiness makes a ready pod with readiness probes not ready, as a
// restarted kubelet reports it until the probes pass again: after the
// probes' initial delay and a random part of their period (a restarted
// kubelet's probe workers start spread over one period), at least a second.
func (s *Simulator) holdReadiness(ctx context.Context, pod *corev1.Pod, now time.Time) error {
	wait, probed := readinessProbeWait(pod)
	if !probed || pod.DeletionTimestamp != nil || !isRunning(pod) || !isReady(pod) {
		return nil
	}
	key, err := cache.MetaNamespaceKeyFunc(pod)
	if err != nil {
		return nil
	}
	rec := s.podRecord(key, pod.UID, pod.Spec.NodeName)
	if rec == nil {
		return nil
	}
	s.recs.holdReady(rec, now.Add(wait))
	status := *pod.Status.DeepCopy()
	setReadiness(&status, false, metav1.NewTime(now))
	return s.writeStatus(ctx, pod, status)
}

// readinessProbeWait is how long after a kubelet restart the pod's
// readiness probes pass again, and whether it has any.
func readinessProbeWait(pod *corev1.Pod) (time.Duration, bool) {
	var wait time.Duration
	probed := false
	for _, c := range pod.Spec.Containers {
		p := c.ReadinessProbe
		if p == nil {
			continue
		}
		probed = true
		period := time.Duration(max(p.PeriodSeconds, 1)) * time.Second
		if p.PeriodSeconds == 0 {
			period = 10 * time.Second // the API's default
		}
		wait = max(wait, time.Duration(p.InitialDelaySeconds)*time.Second+jitter(period, 1))
	}
	return max(wait, time.Second), probed
}
