package simulator

import (
	"context"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// syncLease renews the node's lease in kube-node-lease and schedules the next
// renewal, with jitter so thousands of nodes make a steady trickle.
func (s *Simulator) syncLease(ctx context.Context, name string) error {
	node := s.node(name)
	if node == nil || !s.ownsNode(node) {
		return nil
	}
	if err := s.renewLease(ctx, node); err != nil {
		return err
	}
	s.leaseQueue.AddAfter(name, jitter(s.opts.renewInterval(), 0.1))
	return nil
}

func (s *Simulator) renewLease(ctx context.Context, node *corev1.Node) error {
	leases := s.client.CoordinationV1().Leases(corev1.NamespaceNodeLease)
	s.mu.Lock()
	lease := s.leases[node.Name]
	s.mu.Unlock()
	now := metav1.NewMicroTime(time.Now())
	start := time.Now()
	var got *coordinationv1.Lease
	var err error
	if lease == nil {
		got, err = leases.Create(ctx, newLease(node, s.opts.LeaseDuration, now), metav1.CreateOptions{})
		if apierrors.IsAlreadyExists(err) {
			got, err = leases.Get(ctx, node.Name, metav1.GetOptions{})
			lease = got
		}
	}
	if lease != nil && err == nil {
		renewed := lease.DeepCopy()
		renewed.Spec.RenewTime = &now
		renewed.Spec.HolderIdentity = ptr(node.Name)
		renewed.Spec.LeaseDurationSeconds = ptr(int32(s.opts.LeaseDuration / time.Second))
		got, err = leases.Update(ctx, renewed, metav1.UpdateOptions{})
	}
	s.metrics.observe(writeLease, start, err)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		delete(s.leases, node.Name) // fetch it afresh next time
		return err
	}
	if s.stillManaged(node.Name) {
		s.leases[node.Name] = got
	}
	return nil
}

func newLease(node *corev1.Node, duration time.Duration, now metav1.MicroTime) *coordinationv1.Lease {
	return &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{
			Name:      node.Name,
			Namespace: corev1.NamespaceNodeLease,
			OwnerReferences: []metav1.OwnerReference{{
				APIVersion: "v1", Kind: "Node", Name: node.Name, UID: node.UID,
			}},
		},
		Spec: coordinationv1.LeaseSpec{
			HolderIdentity:       ptr(node.Name),
			LeaseDurationSeconds: ptr(int32(duration / time.Second)),
			RenewTime:            &now,
		},
	}
}
