package benchrun

import (
	"context"
	"fmt"

	"k8s.io/apimachinery/pkg/labels"

	"github.com/kmctl/kmctl/pkg/scale"
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

// deletePods deletes the selected pods, namespace by namespace, with the
// op's writers in flight, and waits until the watch has seen them gone.
func (r *run) deletePods(ctx context.Context, op workload.Op) error {
	sel, err := r.selection(op)
	if err != nil {
		return err
	}
	for _, ns := range r.namespacesOf(op) {
		if _, err := scale.DeleteSelectedPods(ctx, r.client, ns, sel.selector.String(), writersOf(op), r.env.Progress); err != nil {
			return err
		}
	}
	return r.waitPods(ctx, sel, workload.UntilDeleted, 0)
}

// namespacesOf is where an op's selection looks: its namespaces, else every
// namespace the run put pods in (made by it or there before).
func (r *run) namespacesOf(op workload.Op) []string {
	if len(op.Namespaces) > 0 {
		return op.Namespaces
	}
	if op.Namespace != "" {
		return []string{op.Namespace}
	}
	return append(append([]string{}, r.created.namespaces...), r.created.existing...)
}
