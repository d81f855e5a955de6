package scale

import (
	"context"
	"errors"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// preflight checks that the namespace, the priority class and the node exist.
func (p *podObjects) preflight(ctx context.Context) error {
	if err := p.checkNamespace(ctx); err != nil {
		return err
	}
	if err := p.checkPriorityClass(ctx); err != nil {
		return err
	}
	return p.checkNode(ctx)
}

func (p *podObjects) checkNamespace(ctx context.Context) error {
	ns := p.b.base.Namespace
	_, err := p.client.CoreV1().Namespaces().Get(ctx, ns, metav1.GetOptions{})
	return mustExist(err, fmt.Sprintf("namespace %q", ns),
		fmt.Sprintf("namespace %q does not exist; create it with `kubectl create namespace %s`", ns, ns))
}

func (p *podObjects) checkPriorityClass(ctx context.Context) error {
	pc := p.b.base.PriorityClass
	if pc == "" {
		return nil
	}
	_, err := p.client.SchedulingV1().PriorityClasses().Get(ctx, pc, metav1.GetOptions{})
	return mustExist(err, fmt.Sprintf("priority class %q", pc),
		fmt.Sprintf("priority class %q does not exist; create it with `kubectl create priorityclass %s --value 1000`", pc, pc))
}

// checkNode fails when --node-name names a node that does not exist: the
// pods would be bound to it and stay Pending until the pod garbage
// collector deletes them.
func (p *podObjects) checkNode(ctx context.Context) error {
	node := p.b.base.NodeName
	if node == "" {
		return nil
	}
	_, err := p.client.CoreV1().Nodes().Get(ctx, node, metav1.GetOptions{})
	return mustExist(err, fmt.Sprintf("node %q", node),
		fmt.Sprintf("--node-name %q: no such node; create fake nodes with `kmctl scale node --replicas N` (named %s-0, %s-1, ...) or pick one from `kmctl kubectl -- get nodes`",
			node, DefaultNodePrefix, DefaultNodePrefix))
}

// mustExist turns the error of reading what into the check's: missing, which
// says what to do, when it does not exist.
func mustExist(err error, what, missing string) error {
	switch {
	case apierrors.IsNotFound(err):
		return errors.New(missing)
	case err != nil:
		return fmt.Errorf("cannot read %s: %w", what, err)
	}
	return nil
}

// maxNodeLookups bounds the nodes goneNodes reads.
const maxNodeLookups = 16

// goneNodes returns which of the nodes that pending pods in objs are bound
// to do not exist, or nil when they are too many to look up one by one.
func (p *podObjects) goneNodes(ctx context.Context, objs []any) map[string]bool {
	bound := map[string]bool{}
	for _, o := range objs {
		if pod, ok := o.(*corev1.Pod); ok && pod.Spec.NodeName != "" && pod.DeletionTimestamp == nil &&
			(pod.Status.Phase == corev1.PodPending || pod.Status.Phase == "") {
			bound[pod.Spec.NodeName] = true
		}
	}
	if len(bound) > maxNodeLookups {
		return nil
	}
	gone := map[string]bool{}
	for node := range bound {
		if _, err := p.client.CoreV1().Nodes().Get(ctx, node, metav1.GetOptions{}); apierrors.IsNotFound(err) {
			gone[node] = true
		}
	}
	return gone
}
