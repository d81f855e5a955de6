package benchrun

import (
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/kmctl/kmctl/pkg/workload"
)

// selection is the pods an op names: by its label selector and namespaces,
// always narrowed to the run's own pods.
func (r *run) selection(op workload.Op) (podSelection, error) {
	sel, err := labels.Parse(op.LabelSelector)
	if err != nil {
		return podSelection{}, fmt.Errorf("labelSelector %q: %w", op.LabelSelector, err)
	}
	own, err := labels.Parse(LabelRun + "=" + r.id)
	if err != nil {
		return podSelection{}, err
	}
	reqs, _ := own.Requirements()
	return podSelection{namespaces: op.Namespaces, selector: sel.Add(reqs...)}, nil
}

// barrier waits until the selected pods are all scheduled, Running or gone.
func (r *run) barrier(ctx context.Context, op workload.Op) error {
	sel, err := r.selection(op)
	if err != nil {
		return err
	}
	return r.waitPods(ctx, sel, op.Until, 0)
}

// deletePods deletes the selected pods, namespace by namespace, and waits
// until the watch has seen them gone.
func (r *run) deletePods(ctx context.Context, op workload.Op) error {
	sel, err := r.selection(op)
	if err != nil {
		return err
	}
	for _, ns := range r.namespacesOf(op) {
		err := r.client.CoreV1().Pods(ns).DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: sel.selector.String()})
		if err != nil {
			return fmt.Errorf("cannot delete pods in %s: %w", ns, err)
		}
	}
	return r.waitPods(ctx, sel, workload.UntilDeleted, 0)
}

// namespacesOf is where an op's selection looks: its namespaces, else every
// namespace the run created pods in.
func (r *run) namespacesOf(op workload.Op) []string {
	if len(op.Namespaces) > 0 {
		return op.Namespaces
	}
	if op.Namespace != "" {
		return []string{op.Namespace}
	}
	return r.created.namespaces
}
