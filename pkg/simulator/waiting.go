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

// see records an event of the pod, pending or not, and reports whether it
// is the first time the pod is seen waiting (to count it seen).
func (w *waitingPods) see(uid types.UID, pending bool) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, started := w.started[uid]
	if !pending {
		if started {
			delete(w.started, uid)
		}
		return false
	}
	if _, known := w.waiting[uid]; known || started {
		return false
	}
	w.waiting[uid] = struct{}{}
	return true
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

// leave takes a pod out of the waiting set without a start or a deletion,
// and reports whether it was there.
func (w *waitingPods) leave(uid types.UID) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, known := w.waiting[uid]
	delete(w.waiting, uid)
	return known
}

// len is the number of pods waiting.
func (w *waitingPods) len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.waiting)
}

// seePod records an event of a pod of one of the simulator's nodes.
func (s *Simulator) seePod(uid types.UID, pending bool) {
	if s.waiting.see(uid, pending) {
		s.metrics.podSeen()
	}
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

// ranUnanswered counts as started a pod that the cache shows running
// while it is still counted waiting: the apiserver applied the simulator's
// Running status but the answer was lost (a timeout under load), and the
// retry found the pod running. Its start time is unknown, so only the count
// moves. Pods are synced one at a time per key, so a start whose answer did
// come is always recorded before the next sync of the pod.
func (s *Simulator) ranUnanswered(obj any) {
	var uid types.UID
	switch p := obj.(type) {
	case *corev1.Pod:
		if p.Status.Phase != corev1.PodRunning {
			return
		}
		uid = p.UID
	case *settledPod:
		if p.Ended {
			return
		}
		uid = p.UID
	}
	if uid != "" && s.waiting.leave(uid) {
		s.metrics.podStartedUntimed()
	}
}

// podGone drops a deleted pod, counting it gone if it was still waiting.
func (s *Simulator) podGone(uid types.UID) {
	if s.waiting.forget(uid) {
		s.metrics.podGone()
	}
}
