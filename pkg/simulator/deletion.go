package simulator

import (
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// apiserverDeleteWait is how long the simulator leaves a pod deleted with
// grace period 0 to the apiserver before deleting it itself.
const apiserverDeleteWait = 5 * time.Second

// deletion is what the simulator needs to finish a pod's deletion.
type deletion struct {
	namespace, name string
	uid             types.UID
	timestamp       *metav1.Time
	gracePeriod     *int64
}

// deletionOf reads a deletion from either form of pod's metadata.
func deletionOf(m metav1.Object) deletion {
	return deletion{m.GetNamespace(), m.GetName(), m.GetUID(), m.GetDeletionTimestamp(), m.GetDeletionGracePeriodSeconds()}
}

// wait is how long to leave the deletion to the apiserver. A kubelet
// confirms a graceful deletion (grace period above 0) once the containers
// stop, which here is at once. A deletion with grace period 0 needs no
// kubelet: the apiserver removes the pod in the request that marked it (or
// in the one that removes its last finalizer), and a delete sent meanwhile
// finds nothing (in a 10 000-pod deletion, 9624 of the simulator's deletes
// did). So the simulator steps in only if such a pod is still there
// apiserverDeleteWait after its deletion timestamp.
//
// With a graceCap (kmctl.dev/termination-grace-cap) a graceful deletion
// takes the pod's grace period, up to the cap, as containers that stop
// only when their grace runs out: drains and PodDisruptionBudgets then
// take the time they take with kubelets.
func (d deletion) wait(now time.Time, graceCap time.Duration) time.Duration {
	if d.timestamp == nil || d.gracePeriod == nil {
		return 0
	}
	if *d.gracePeriod == 0 {
		return max(d.timestamp.Add(apiserverDeleteWait).Sub(now), 0)
	}
	return d.graceWait(now, graceCap)
}

// graceWait is how much longer containers stopping under graceCap take,
// for a graceful deletion.
func (d deletion) graceWait(now time.Time, graceCap time.Duration) time.Duration {
	if graceCap <= 0 || d.timestamp == nil || d.gracePeriod == nil || *d.gracePeriod <= 0 {
		return 0
	}
	grace := time.Duration(*d.gracePeriod) * time.Second
	asked := d.timestamp.Add(-grace)
	return max(asked.Add(min(grace, graceCap)).Sub(now), 0)
}
