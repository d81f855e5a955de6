package fault

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"

	"github.com/kmctl/kmctl/pkg/simulator"
)

// PodRequest scripts a fault on pods.
type PodRequest struct {
	Target
	// Fail makes the containers exit as soon as they run: the pod ends
	// Failed with restartPolicy Never, else its containers crash-loop.
	Fail bool
	// CrashLoop makes the containers exit RunFor after each (re)start; it
	// needs a restartPolicy that restarts them.
	CrashLoop bool
	RunFor    time.Duration
	// NotReady keeps the containers running but unready.
	NotReady bool
	// ExitCode (0: the default, 1 or 137) and Reason (Error or OOMKilled)
	// say how failing containers exit.
	ExitCode int
	Reason   string
	// For is how long the fault lasts; 0 means until cleared.
	For time.Duration
}

// podFaultNotes are the annotations `fault clear pod` removes.
var podFaultNotes = []string{simulator.AnnotationFailAfter, simulator.AnnotationExitCode,
	simulator.AnnotationExitReason, simulator.AnnotationReady, simulator.AnnotationReadyPeriod,
	simulator.AnnotationImagePullFails, simulator.AnnotationInitFailures, simulator.AnnotationFaultUntil}

// Validate checks the request without reaching the cluster.
func (r PodRequest) Validate() error {
	if err := r.Target.Validate("pod"); err != nil {
		return err
	}
	n := 0
	for _, on := range []bool{r.Fail, r.CrashLoop, r.NotReady} {
		if on {
			n++
		}
	}
	switch {
	case n != 1:
		return fmt.Errorf("give exactly one of --fail, --crashloop and --not-ready")
	case r.RunFor < 0:
		return fmt.Errorf("--run-for must be 0 or more, got %s", r.RunFor)
	case !validFor(r.For):
		return forError(r.For)
	case r.Reason != "" && r.Reason != "Error" && r.Reason != "OOMKilled":
		return fmt.Errorf("--reason %q is not Error or OOMKilled", r.Reason)
	case r.ExitCode < 0 || r.ExitCode > 255:
		return fmt.Errorf("--exit-code must be 1 to 255, got %d", r.ExitCode)
	case r.NotReady && (r.ExitCode != 0 || r.Reason != ""):
		return fmt.Errorf("--exit-code and --reason go with --fail or --crashloop")
	}
	return nil
}

// notes are the annotations the request writes at now; nil removes one.
func (r PodRequest) notes(now time.Time) map[string]any {
	notes := map[string]any{}
	for _, k := range podFaultNotes {
		notes[k] = nil
	}
	switch {
	case r.NotReady:
		notes[simulator.AnnotationReady] = "false"
	case r.Fail:
		notes[simulator.AnnotationFailAfter] = "0s"
	case r.CrashLoop:
		notes[simulator.AnnotationFailAfter] = r.RunFor.String()
	}
	if r.ExitCode != 0 {
		notes[simulator.AnnotationExitCode] = strconv.Itoa(r.ExitCode)
	}
	if r.Reason != "" {
		notes[simulator.AnnotationExitReason] = r.Reason
	}
	if r.For > 0 {
		notes[simulator.AnnotationFaultUntil] = now.Add(r.For).UTC().Format(time.RFC3339)
	}
	return notes
}

// SetPods writes the request's fault on its pods at now, replacing any
// fault they had, and returns the pods changed as namespace/name.
func SetPods(ctx context.Context, c kubernetes.Interface, r PodRequest, now time.Time) ([]string, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	pods, err := findPods(ctx, c, r.Target)
	if err != nil {
		return nil, err
	}
	if err := onSimulatedNodes(ctx, c, pods); err != nil {
		return nil, err
	}
	if r.CrashLoop {
		for _, p := range pods {
			if p.Spec.RestartPolicy == corev1.RestartPolicyNever {
				return nil, fmt.Errorf("pod %s/%s has restartPolicy Never, so its containers cannot restart: use --fail", p.Namespace, p.Name)
			}
		}
	}
	return patchPods(ctx, c, pods, r.notes(now))
}

// onSimulatedNodes fails for a pod bound to a node that kmctl does not
// simulate: its kubelet is real and would ignore the fault.
func onSimulatedNodes(ctx context.Context, c kubernetes.Interface, pods []corev1.Pod) error {
	simulated := map[string]bool{}
	for _, p := range pods {
		node := p.Spec.NodeName
		if node == "" {
			continue // the fault plays once it is bound
		}
		ok, seen := simulated[node]
		if !seen {
			n, err := c.CoreV1().Nodes().Get(ctx, node, metav1.GetOptions{})
			if err != nil && !apierrors.IsNotFound(err) {
				return err
			}
			ok = err == nil && n.Labels[simulator.LabelManaged] == "true"
			simulated[node] = ok
		}
		if !ok {
			return fmt.Errorf("pod %s/%s runs on node %s, which kmctl does not simulate (no label %s=true): its kubelet is real", p.Namespace, p.Name, node, simulator.LabelManaged)
		}
	}
	return nil
}

// ClearPods removes every scripted fault from the target's pods.
func ClearPods(ctx context.Context, c kubernetes.Interface, t Target) ([]string, error) {
	if err := t.Validate("pod"); err != nil {
		return nil, err
	}
	pods, err := findPods(ctx, c, t)
	if err != nil {
		return nil, err
	}
	notes := map[string]any{}
	for _, k := range podFaultNotes {
		notes[k] = nil
	}
	return patchPods(ctx, c, pods, notes)
}

// patchPods merges notes into every pod's annotations.
func patchPods(ctx context.Context, c kubernetes.Interface, pods []corev1.Pod, notes map[string]any) ([]string, error) {
	patch, _ := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": notes}})
	names := make([]string, len(pods))
	err := each(ctx, len(pods), func(ctx context.Context, i int) error {
		p := pods[i]
		_, err := c.CoreV1().Pods(p.Namespace).Patch(ctx, p.Name, types.MergePatchType, patch, metav1.PatchOptions{})
		if apierrors.IsNotFound(err) {
			return nil // deleted meanwhile: nothing left to fault
		}
		if err == nil {
			names[i] = p.Namespace + "/" + p.Name
		}
		return err
	})
	return written(names), err
}

// findPods returns the target's pods: every name must exist, and a
// selector must match at least one.
func findPods(ctx context.Context, c kubernetes.Interface, t Target) ([]corev1.Pod, error) {
	ns := t.Namespace
	if t.AllNamespaces {
		ns = metav1.NamespaceAll
	}
	if t.Selector != "" {
		list, err := c.CoreV1().Pods(ns).List(ctx, t.listOptions())
		if err != nil {
			return nil, err
		}
		if len(list.Items) == 0 {
			return nil, fmt.Errorf("%s; `kubectl get pods --show-labels` shows their labels", t.describe("pod"))
		}
		return list.Items, nil
	}
	var out []corev1.Pod
	for _, name := range t.Names {
		p, err := c.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			return nil, fmt.Errorf("pod %q not found in namespace %q; `kubectl get pods -n %s` lists them", name, ns, ns)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, nil
}
