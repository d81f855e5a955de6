package simulator

import (
	"time"

	corev1 "k8s.io/api/core/v1"
)

// The counters of pods seen, started and gone stay consistent through the
// pods' records: a pod is counted seen once in its life, the first time its
// sync finds it waiting, and leaves the waiting set once, started (its
// Running status accepted by the apiserver, or found running) or gone
// (deleted first). So seen - started - gone is the number waiting.

// countPod counts what the pod's cached copy shows: seen the first time it
// waits to run, and started if it runs while still counted waiting. The
// latter is a pod whose Running status the apiserver applied while the
// answer was lost (a timeout under load), or that another writer started;
// its start time is unknown, so only the count moves. A pod's syncs never
// overlap, so one whose answer did come was counted by podStarted first.
func (s *Simulator) countPod(v *podView) {
	if v.pending() {
		if s.recs.seenPending(v.rec) {
			s.metrics.podSeen()
		}
		return
	}
	if v.runs() {
		if _, waiting := s.recs.started(v.rec); waiting {
			s.metrics.podStartedUntimed()
		}
	}
}

// podStarted counts a pod whose Running status the apiserver accepted at
// now; one never counted seen (its first sync found it being written
// already, after a restart) is counted seen now, and one counted started
// already is not counted again.
func (s *Simulator) podStarted(v *podView, now time.Time) {
	counted, waiting := s.recs.started(v.rec)
	if counted && !waiting {
		return
	}
	if !counted {
		s.metrics.podSeen()
	}
	s.metrics.podStarted(v.pod, now)
}

// podGone drops the record of a pod gone from the cache, counting it gone
// if it was still waiting.
func (s *Simulator) podGone(key string) {
	if s.recs.dropPod(key) {
		s.metrics.podGone()
	}
}

// pending is true for a whole pod waiting to run, not being deleted.
func (v *podView) pending() bool {
	return v.pod != nil && v.del.timestamp == nil &&
		(v.pod.Status.Phase == corev1.PodPending || v.pod.Status.Phase == "")
}

// runs is true for a pod that has started and not ended: a whole pod
// Running with its IP, or a compact one that did not end.
func (v *podView) runs() bool {
	if v.pod == nil {
		return !v.ended
	}
	return isRunning(v.pod)
}
