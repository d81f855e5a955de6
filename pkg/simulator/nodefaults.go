package simulator

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// ParseNodeFaults reads a kmctl.dev/faults annotation: a JSON object from
// fault name (one of NodeFaults) to the RFC 3339 time it ends, or "" for
// until cleared.
func ParseNodeFaults(raw string) (map[string]time.Time, error) {
	var notes map[string]string
	if err := json.Unmarshal([]byte(raw), &notes); err != nil {
		return nil, fmt.Errorf("annotation %s is not a JSON object of fault to end time: %w", AnnotationNodeFaults, err)
	}
	out := make(map[string]time.Time, len(notes))
	for fault, end := range notes {
		if !slices.Contains(NodeFaults, fault) {
			return nil, fmt.Errorf("annotation %s: unknown fault %q (known: %s)", AnnotationNodeFaults, fault, strings.Join(NodeFaults, ", "))
		}
		var t time.Time
		if end != "" {
			var err error
			if t, err = time.Parse(time.RFC3339, end); err != nil {
				return nil, fmt.Errorf("annotation %s: fault %s ends at %q, not an RFC 3339 time", AnnotationNodeFaults, fault, end)
			}
		}
		out[fault] = t
	}
	return out, nil
}

// FormatNodeFaults is the kmctl.dev/faults annotation for faults (a zero
// end means until cleared).
func FormatNodeFaults(faults map[string]time.Time) string {
	notes := make(map[string]string, len(faults))
	for fault, end := range faults {
		notes[fault] = ""
		if !end.IsZero() {
			notes[fault] = end.UTC().Format(time.RFC3339)
		}
	}
	raw, _ := json.Marshal(notes) // a map of strings always marshals
	return string(raw)
}

// activeFaults are the faults on at one moment, and when the first of them ends.
type activeFaults struct {
	// on holds the end of each fault on; zero: until cleared.
	on map[string]time.Time
	// next is the earliest end of a fault on; zero if none ends.
	next time.Time
}

// faultsOf reads the node's faults that are on at now.
func faultsOf(node *corev1.Node, now time.Time) (activeFaults, error) {
	raw, ok := node.Annotations[AnnotationNodeFaults]
	if !ok {
		return activeFaults{}, nil
	}
	all, err := ParseNodeFaults(raw)
	if err != nil {
		return activeFaults{}, fmt.Errorf("node %s: %w", node.Name, err)
	}
	a := activeFaults{on: map[string]time.Time{}}
	for fault, end := range all {
		if !end.IsZero() && !now.Before(end) {
			continue
		}
		a.on[fault] = end
		if !end.IsZero() && (a.next.IsZero() || end.Before(a.next)) {
			a.next = end
		}
	}
	return a, nil
}

// silenced reports whether the node plays a kubelet that died (the Unknown
// fault) at now, and when that ends (zero: until cleared). A node whose
// annotation does not parse is not silenced: syncNode reports it.
func silenced(node *corev1.Node, now time.Time) (bool, time.Time) {
	a, err := faultsOf(node, now)
	end, on := a.on[FaultUnknown]
	return err == nil && on, end
}

// faultCondition is how a fault shows in the node's conditions.
type faultCondition struct {
	fault           string
	typ             corev1.NodeConditionType
	status          corev1.ConditionStatus
	reason, message string
}

// faultConditions are the conditions faults set, in place of the healthy ones.
var faultConditions = []faultCondition{
	{FaultNotReady, corev1.NodeReady, corev1.ConditionFalse, "KubeletNotReady", "kmctl fault: NotReady"},
	{FaultMemoryPressure, corev1.NodeMemoryPressure, corev1.ConditionTrue, "KubeletHasInsufficientMemory", "kmctl fault: MemoryPressure"},
	{FaultDiskPressure, corev1.NodeDiskPressure, corev1.ConditionTrue, "KubeletHasDiskPressure", "kmctl fault: DiskPressure"},
	{FaultPIDPressure, corev1.NodePIDPressure, corev1.ConditionTrue, "KubeletHasInsufficientPID", "kmctl fault: PIDPressure"},
	{FaultNetworkUnavailable, corev1.NodeNetworkUnavailable, corev1.ConditionTrue, "NoRouteCreated", "kmctl fault: NetworkUnavailable"},
}

// applyFaults turns the conditions of the faults on from healthy to faulty.
func applyFaults(conds []corev1.NodeCondition, a activeFaults) {
	for _, f := range faultConditions {
		if _, on := a.on[f.fault]; !on {
			continue
		}
		for i := range conds {
			if conds[i].Type == f.typ {
				conds[i].Status, conds[i].Reason, conds[i].Message = f.status, f.reason, f.message
			}
		}
	}
}
