package simulator

import (
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
)

// waitingPods keeps the counters of pods seen, started and gone consistent:
// every pod seen waiting is counted seen once, and leaves the waiting set
// once, either started (its Running status accepted by the apiserver) or
// gone (deleted first). So seen - started - gone is the number waiting.
type waitingPods struct {
	mu      sync.Mutex
	waiting map[types.UID]struct{}
	// started are pods whose Running status the apiserver accepted while
	// the informer may still deliver their Pending copy: that copy must not
	// count them seen again. A pod leaves it at its next non-pending event.
	started map[types.UID]struct{}
}

func newWaitingPods() *waitingPods {
	return &waitingPods{waiting: map[types.UID]struct{}{}, started: map[types.UID]struct{}{}}
}

// see records an event of the pod, pending or not. It reports whether the
// pod is seen waiting for the first time, and whether, no longer pending, it
// is still counted waiting (stray).
func (w *waitingPods) see(uid types.UID, pending bool) (seen, stray bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, started := w.started[uid]
	_, waiting := w.waiting[uid]
	if !pending {
		if started {
			delete(w.started, uid)
		}
		return false, waiting
	}
	if waiting || started {
		return false, false
	}
	w.waiting[uid] = struct{}{}
	return true, false
}

// start records that the apiserver accepted the pod's Running status, and
// reports whether the pod had been counted seen waiting.
func (w *waitingPods) start(uid types.UID) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, known := w.waiting[uid]
	delete(w.waiting, uid)
	w.started[uid] = struct{}{}
	return known
}

// forget drops a deleted pod and reports whether it was still waiting.
func (w *waitingPods) forget(uid types.UID) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, known := w.waiting[uid]
	delete(w.waiting, uid)
	delete(w.started, uid)
	return known
}

// startIfWaiting records as started a pod still counted waiting, as start
// does, and reports whether it was waiting; it records nothing for others.
func (w *waitingPods) startIfWaiting(uid types.UID) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, known := w.waiting[uid]; !known {
		return false
	}
	delete(w.waiting, uid)
	w.started[uid] = struct{}{}
	return true
}

// isStarted reports whether the apiserver accepted the pod's Running status
// while the cache may still hold its Pending copy.
func (w *waitingPods) isStarted(uid types.UID) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, started := w.started[uid]
	return started
}

// len is the number of pods waiting.
func (w *waitingPods) len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.waiting)
}

// seePod records an event of a pod of one of the simulator's nodes. It
// reports whether the pod, no longer pending, is still counted waiting: it
// ran without an accepted write of the simulator's (see ranUnanswered), or
// the write's answer is on its way.
func (s *Simulator) seePod(uid types.UID, pending bool) (stray bool) {
	seen, stray := s.waiting.see(uid, pending)
	if seen {
		s.metrics.podSeen()
	}
	return stray
}

// podStarted counts a pod whose Running status the apiserver accepted at
// now; one never counted seen (its node was not known yet when the pod came,
// say) is counted seen now.
func (s *Simulator) podStarted(pod *corev1.Pod, now time.Time) {
	if !s.waiting.start(pod.UID) {
		s.metrics.podSeen()
	}
	s.metrics.podStarted(pod, now)
}

// ranUnanswered counts as started a pod that the cache shows running with
// an IP while it is still counted waiting: the apiserver applied the
// simulator's Running status but the answer was lost (a timeout under load),
// or another writer set it. podChanged queues such a pod, so its next sync
// gets here. Its start time is unknown, so only the count moves. A pod's
// syncs never overlap, so one whose answer did come was recorded by start
// before this sync.
func (s *Simulator) ranUnanswered(obj any) {
	var uid types.UID
	switch p := obj.(type) {
	case *corev1.Pod:
		if p.Status.Phase != corev1.PodRunning || p.Status.PodIP == "" {
			return
		}
		uid = p.UID
	case *settledPod:
		if p.Ended {
			return
		}
		uid = p.UID
	}
	if uid != "" && s.waiting.startIfWaiting(uid) {
		s.metrics.podStartedUntimed()
		s.forgetFirstSeen(uid)
	}
}

// podGone drops a deleted pod, counting it gone if it was still waiting.
func (s *Simulator) podGone(uid types.UID) {
	if s.waiting.forget(uid) {
		s.metrics.podGone()
	}
}
