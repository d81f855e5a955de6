// Package scale creates and deletes fake nodes and pods in a kmctl cluster
// until a wanted number exists: `kmctl scale node` and `kmctl scale pod`.
//
// Every object gets a name <prefix>-<index> and two labels: LabelManaged,
// which the simulator uses to find the nodes it plays kubelet for, and
// LabelScale=<prefix>, which counts the replicas of one prefix. Scaling up
// fills the lowest free indices; scaling down deletes the highest first.
package scale

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kmctl/kmctl/pkg/simulator"
)

// Labels and annotations shared with the simulator.
const (
	// LabelManaged is "true" on every node and pod kmctl scale creates; the
	// simulator plays kubelet for the nodes that carry it.
	LabelManaged = simulator.LabelManaged
	// LabelScale holds the prefix of the object's name; objects with the same
	// value are the replicas of one `kmctl scale` command.
	LabelScale = "kmctl.dev/scale"
	// AnnotationCapacity holds a node's capacity as a JSON corev1.ResourceList.
	// Nodes are created without status, so that nothing can be scheduled on
	// them before a simulator copies it into status.capacity and
	// status.allocatable, with the Ready condition.
	AnnotationCapacity = simulator.AnnotationCapacity
)

// Defaults of the commands.
const (
	DefaultNodePrefix = "kmctl-node"
	DefaultPodPrefix  = "kmctl-pod"
	DefaultParallel   = 64
	// MaxNodes is how many nodes one prefix can hold: node i gets the pod
	// CIDR 10.<128+i/256>.<i%256>.0/24.
	MaxNodes = 32768
)

// Options are the settings node and pod scaling share.
type Options struct {
	// Replicas is how many objects with Prefix should exist; 0 deletes all.
	Replicas int
	// GrowOnly creates the missing objects and deletes none: a prefix that
	// has more than Replicas keeps them (a workload's create ops).
	GrowOnly bool
	// Prefix names the objects <prefix>-<index>; empty means the default.
	Prefix string
	// TemplateFile is a text/template YAML file; empty means the built-in one.
	TemplateFile string
	// Labels and Annotations are k=v pairs added to every object.
	Labels      []string
	Annotations []string
	// Wait waits until every object is Ready (nodes) or Running (pods).
	Wait bool
	// WaitSet tells that Wait was given on the command line, not defaulted;
	// Scaler.Connect drops only a defaulted wait on a cluster without
	// kmctl-simulator.
	WaitSet bool
	// Timeout bounds the whole run: listing, writes and the wait.
	Timeout time.Duration
	// Parallel is how many requests are in flight at once.
	Parallel int
	// Rate bounds creates and deletes per second; 0 means no bound.
	Rate float64
	// TemplateText, when set, is the template itself, and TemplateFile only
	// names it in errors (a workload's inline or embedded template).
	TemplateText string
	// Progress receives progress bars; nil shows none.
	Progress io.Writer
}

// Result is what a run did.
type Result struct {
	// Plural is "nodes" or "pods"; Namespace is set for pods.
	Plural, Namespace string
	Prefix            string
	Replicas          int
	Created, Deleted  int
	Took              time.Duration
	// Waited tells whether Ready counts the objects that became ready.
	Waited bool
	Ready  int
	// ReadyWord is "Ready" for nodes and "Running" for pods.
	ReadyWord string
	// NotReady says why objects were not ready when the wait timed out.
	NotReady []Reason
}

// String is the line printed when the command ends, for example
// "scaled nodes with prefix kmctl-node to 1000 (created 1000, deleted 0) in 5.2s, 1000 Ready".
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "scaled %s with prefix %s", r.Plural, r.Prefix)
	if r.Namespace != "" {
		fmt.Fprintf(&b, " in namespace %s", r.Namespace)
	}
	fmt.Fprintf(&b, " to %d (created %d, deleted %d) in %s", r.Replicas, r.Created, r.Deleted, roundDuration(r.Took))
	if r.Waited {
		fmt.Fprintf(&b, ", %d %s", r.Ready, r.ReadyWord)
	}
	return b.String()
}

// roundDuration keeps one decimal below a minute and whole seconds above.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Minute {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Second)
}

// NotReadyError is returned when --wait times out before every object is ready.
type NotReadyError struct {
	Plural, ReadyWord string
	NotReady, Want    int
	After             time.Duration
	Reasons           []Reason
}

// Error says how many objects are not ready and why, most common reason first.
func (e *NotReadyError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d %s are not %s after %s; raise --timeout or fix what keeps them:",
		e.NotReady, e.Want, e.Plural, e.ReadyWord, roundDuration(e.After))
	for _, r := range e.Reasons {
		fmt.Fprintf(&b, "\n  %6d  %s", r.Count, r.Message)
	}
	return b.String()
}

// The shape of a node and a pod when none is given, as kmctl scale's flags.
const (
	DefaultNodeCPU     = "32"
	DefaultNodeMemory  = "256Gi"
	DefaultNodeStorage = "1Ti"
	DefaultNodePods    = 110
	DefaultPodCPU      = "100m"
	DefaultPodMemory   = "128Mi"
)
