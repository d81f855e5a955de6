package fault

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/util/retry"

	"github.com/kmctl/kmctl/pkg/simulator"
)

// NodeRequest puts faults on nodes.
type NodeRequest struct {
	Target
	// Faults are names from simulator.NodeFaults.
	Faults []string
	// For is how long they last; 0 means until cleared.
	For time.Duration
}

// Validate checks the request without reaching the cluster.
func (r NodeRequest) Validate() error {
	if err := r.Target.Validate("node"); err != nil {
		return err
	}
	if len(r.Faults) == 0 {
		return fmt.Errorf("--condition is required: one or more of %s", strings.Join(simulator.NodeFaults, ", "))
	}
	for _, f := range r.Faults {
		if !slices.Contains(simulator.NodeFaults, f) {
			return fmt.Errorf("--condition %q is not one of %s", f, strings.Join(simulator.NodeFaults, ", "))
		}
	}
	if !validFor(r.For) {
		return forError(r.For)
	}
	return nil
}

// SetNodes puts the request's faults on its nodes at now, keeping their
// other faults, and returns the nodes changed.
func SetNodes(ctx context.Context, c kubernetes.Interface, r NodeRequest, now time.Time) ([]string, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	var end time.Time
	if r.For > 0 {
		end = now.Add(r.For)
	}
	return updateNodes(ctx, c, r.Target, func(faults map[string]time.Time) {
		for _, f := range r.Faults {
			faults[f] = end
		}
	})
}

// RestartKubelets asks the simulator to restart the kubelet of the target's
// nodes, once each, by writing the time (now) in their kubelet restart
// annotation; it returns the nodes changed. Every node is found and checked
// before the first write.
func RestartKubelets(ctx context.Context, c kubernetes.Interface, t Target, now time.Time) ([]string, error) {
	if err := t.Validate("node"); err != nil {
		return nil, err
	}
	nodes, err := findSimulatedNodes(ctx, c, t)
	if err != nil {
		return nil, err
	}
	patch, _ := json.Marshal(map[string]any{"metadata": map[string]any{
		"annotations": map[string]string{simulator.AnnotationKubeletRestart: now.UTC().Format(time.RFC3339Nano)},
	}})
	return writeEach(ctx, nodes, func(ctx context.Context, n corev1.Node) error {
		_, err := c.CoreV1().Nodes().Patch(ctx, n.Name, types.MergePatchType, patch, metav1.PatchOptions{})
		return err
	})
}

// findSimulatedNodes finds the target's nodes (see findNodes) and fails
// if one of them is run by a real kubelet.
func findSimulatedNodes(ctx context.Context, c kubernetes.Interface, t Target) ([]corev1.Node, error) {
	nodes, err := findNodes(ctx, c, t)
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		if n.Labels[simulator.LabelManaged] != "true" {
			return nil, fmt.Errorf("node %s is not a kmctl node (no label %s=true): a real kubelet reports its conditions", n.Name, simulator.LabelManaged)
		}
	}
	return nodes, nil
}

// writeEach writes each node with write, a few at once, and returns the
// nodes written.
func writeEach(ctx context.Context, nodes []corev1.Node, write func(context.Context, corev1.Node) error) ([]string, error) {
	names := make([]string, len(nodes))
	err := each(ctx, len(nodes), func(ctx context.Context, i int) error {
		err := write(ctx, nodes[i])
		if err == nil {
			names[i] = nodes[i].Name
		}
		return err
	})
	return written(names), err
}

// ClearNodes removes faults (every one when faults is empty) from the
// target's nodes and returns the nodes changed.
func ClearNodes(ctx context.Context, c kubernetes.Interface, t Target, faults []string) ([]string, error) {
	if err := t.Validate("node"); err != nil {
		return nil, err
	}
	for _, f := range faults {
		if !slices.Contains(simulator.NodeFaults, f) {
			return nil, fmt.Errorf("--condition %q is not one of %s", f, strings.Join(simulator.NodeFaults, ", "))
		}
	}
	if len(faults) == 0 {
		return updateNodes(ctx, c, t, nil)
	}
	return updateNodes(ctx, c, t, func(on map[string]time.Time) {
		for _, f := range faults {
			delete(on, f)
		}
	})
}

// updateNodes finds every node of t, checks that each is simulated and its
// annotation readable, and only then rewrites each node's faults with
// change; a nil change removes them all, readable or not.
func updateNodes(ctx context.Context, c kubernetes.Interface, t Target, change func(map[string]time.Time)) ([]string, error) {
	nodes, err := findSimulatedNodes(ctx, c, t)
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		if _, err := nodeFaults(&n); err != nil && change != nil {
			return nil, fmt.Errorf("node %s: %w; fix it with `kubectl annotate node %s %s-` first", n.Name, err, n.Name, simulator.AnnotationNodeFaults)
		}
	}
	return writeEach(ctx, nodes, func(ctx context.Context, n corev1.Node) error {
		return updateNode(ctx, c, n, change)
	})
}

// updateNode rewrites one node's faults, reading it again when someone
// else changed it meanwhile.
func updateNode(ctx context.Context, c kubernetes.Interface, node corev1.Node, change func(map[string]time.Time)) error {
	first := true
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		if !first {
			got, err := c.CoreV1().Nodes().Get(ctx, node.Name, metav1.GetOptions{})
			if err != nil {
				return err
			}
			node = *got
		}
		first = false
		if change == nil {
			return patchNodeFaults(ctx, c, &node, nil)
		}
		faults, err := nodeFaults(&node)
		if err != nil {
			return fmt.Errorf("node %s: %w", node.Name, err)
		}
		change(faults)
		return patchNodeFaults(ctx, c, &node, faults)
	})
}

// nodeFaults reads a node's faults; none when it has no annotation.
func nodeFaults(n *corev1.Node) (map[string]time.Time, error) {
	raw, ok := n.Annotations[simulator.AnnotationNodeFaults]
	if !ok {
		return map[string]time.Time{}, nil
	}
	return simulator.ParseNodeFaults(raw)
}

// patchNodeFaults writes faults on the node as it was read (its
// resourceVersion makes a change meanwhile a conflict), dropping the
// annotation when none is left.
func patchNodeFaults(ctx context.Context, c kubernetes.Interface, n *corev1.Node, faults map[string]time.Time) error {
	var value any
	if len(faults) > 0 {
		value = simulator.FormatNodeFaults(faults)
	} else if _, ok := n.Annotations[simulator.AnnotationNodeFaults]; !ok {
		return nil
	}
	patch, _ := json.Marshal(map[string]any{"metadata": map[string]any{
		"resourceVersion": n.ResourceVersion,
		"annotations":     map[string]any{simulator.AnnotationNodeFaults: value},
	}})
	_, err := c.CoreV1().Nodes().Patch(ctx, n.Name, types.MergePatchType, patch, metav1.PatchOptions{})
	return err
}

// findNodes returns the target's nodes: every name must exist, and a
// selector must match at least one.
func findNodes(ctx context.Context, c kubernetes.Interface, t Target) ([]corev1.Node, error) {
	if t.Selector != "" {
		list, err := c.CoreV1().Nodes().List(ctx, t.listOptions())
		if err != nil {
			return nil, err
		}
		if len(list.Items) == 0 {
			return nil, fmt.Errorf("%s; `kubectl get nodes --show-labels` shows their labels", t.describe("node"))
		}
		return list.Items, nil
	}
	var out []corev1.Node
	for _, name := range t.Names {
		n, err := c.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			return nil, fmt.Errorf("node %q not found; `kubectl get nodes` lists them", name)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, *n)
	}
	return out, nil
}
