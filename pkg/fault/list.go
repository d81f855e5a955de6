package fault

import (
	"context"
	"slices"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/kmctl/kmctl/pkg/simulator"
)

// Entry is one fault in force.
type Entry struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
	// Fault is a node fault's name, or a pod's fault annotations as k=v.
	Fault string `json:"fault"`
	// Until is when it ends (RFC 3339); empty for until cleared.
	Until string `json:"until,omitempty"`
}

// List returns the faults in force at now on nodes and on the pods of
// namespace (every namespace when empty), nodes first.
func List(ctx context.Context, c kubernetes.Interface, namespace string, now time.Time) ([]Entry, error) {
	nodes, err := c.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, n := range nodes.Items {
		faults, err := nodeFaults(&n)
		if err != nil {
			out = append(out, Entry{Kind: "Node", Name: n.Name, Fault: "unreadable: " + err.Error()})
			continue
		}
		for _, f := range simulator.NodeFaults {
			end, ok := faults[f]
			if !ok || !end.IsZero() && !now.Before(end) {
				continue
			}
			out = append(out, Entry{Kind: "Node", Name: n.Name, Fault: f, Until: rfc3339(end)})
		}
	}
	pods, err := c.CoreV1().Pods(namespace).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	for _, p := range pods.Items {
		if e, ok := podEntry(p.Namespace, p.Name, p.Annotations, now); ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// podEntry is a pod's fault in force, if it has one.
func podEntry(namespace, name string, notes map[string]string, now time.Time) (Entry, bool) {
	var parts []string
	for _, k := range podFaultNotes {
		if v, ok := notes[k]; ok && k != simulator.AnnotationFaultUntil {
			parts = append(parts, strings.TrimPrefix(k, "kmctl.dev/")+"="+v)
		}
	}
	if len(parts) == 0 {
		return Entry{}, false
	}
	until := notes[simulator.AnnotationFaultUntil]
	if end, err := time.Parse(time.RFC3339, until); err == nil && !now.Before(end) {
		return Entry{}, false
	}
	slices.Sort(parts)
	return Entry{Kind: "Pod", Namespace: namespace, Name: name, Fault: strings.Join(parts, ","), Until: until}, true
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
