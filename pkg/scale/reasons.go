package scale

import (
	"fmt"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// maxReasons is how many reasons a timed-out wait shows.
const maxReasons = 5

// Hints on the simulator in reasons: the cluster's own, or none.
const (
	simulatorLogsHint = "is kmctl-simulator running? (kmctl logs kmctl-simulator)"
	// noSimulatorHint takes the cluster's name.
	noSimulatorHint = "cluster %q has no kmctl-simulator; is a `kmctl simulate` running against it?"
)

// hints are what reasons need to know beyond the objects.
type hints struct {
	// simulator says how to check what plays kubelet.
	simulator string
	// goneNodes holds nodes that pods are bound to but that do not exist.
	goneNodes map[string]bool
}

// Reason is one cause of objects not being ready and how many it holds back.
type Reason struct {
	Count   int
	Message string
}

// topReasons groups equal messages, most frequent first, and folds all but
// the first n groups into one "other reasons" line.
func topReasons(messages []string, n int) []Reason {
	counts := map[string]int{}
	for _, m := range messages {
		counts[m]++
	}
	out := make([]Reason, 0, len(counts))
	for m, c := range counts {
		out = append(out, Reason{Count: c, Message: m})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Message < out[j].Message
	})
	if len(out) <= n {
		return out
	}
	rest := Reason{Message: fmt.Sprintf("other reasons (%d more kinds)", len(out)-n)}
	for _, r := range out[n:] {
		rest.Count += r.Count
	}
	return append(out[:n], rest)
}

// podReasons says why each pod is not Running, grouped.
func podReasons(objs []any, h hints) []Reason {
	var msgs []string
	for _, o := range objs {
		if p, ok := o.(*corev1.Pod); ok {
			msgs = append(msgs, podReason(p, h))
		}
	}
	return topReasons(msgs, maxReasons)
}

func podReason(p *corev1.Pod, h hints) string {
	if p.DeletionTimestamp != nil {
		return "Terminating"
	}
	switch p.Status.Phase {
	case corev1.PodRunning:
		return "Running"
	case corev1.PodPending, "":
		return pendingReason(p, h)
	case corev1.PodSucceeded, corev1.PodFailed:
		return joinNonEmpty(string(p.Status.Phase), p.Status.Reason, p.Status.Message)
	}
	return "phase " + string(p.Status.Phase)
}

func pendingReason(p *corev1.Pod, h hints) string {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionFalse {
			return joinNonEmpty(orDefault(c.Reason, "Unschedulable"), c.Message)
		}
	}
	switch {
	case h.goneNodes[p.Spec.NodeName]:
		return fmt.Sprintf("Pending: bound to node %q, which does not exist; create it (kmctl scale node) or delete the pods", p.Spec.NodeName)
	case p.Spec.NodeName != "":
		return "Pending: on a node but not started; " + orDefault(h.simulator, simulatorLogsHint)
	}
	return "Pending: not scheduled yet; is kube-scheduler running? (kmctl logs kube-scheduler)"
}

// nodeReasons says why each node is not Ready, grouped.
func nodeReasons(objs []any, h hints) []Reason {
	var msgs []string
	for _, o := range objs {
		if n, ok := o.(*corev1.Node); ok {
			msgs = append(msgs, nodeReason(n, h))
		}
	}
	return topReasons(msgs, maxReasons)
}

func nodeReason(n *corev1.Node, h hints) string {
	if n.DeletionTimestamp != nil {
		return "Terminating"
	}
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return joinNonEmpty("Ready="+string(c.Status), c.Reason, c.Message)
		}
	}
	return "no Ready condition yet; " + orDefault(h.simulator, simulatorLogsHint)
}

func joinNonEmpty(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ": ")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
