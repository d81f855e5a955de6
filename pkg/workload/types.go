// Package workload is kmctl's benchmark workload format: a versioned YAML
// file with named params and an ordered list of ops, in the spirit of
// scheduler_perf's test cases, and the built-in workloads.
package workload

import "time"

// APIVersion and Kind head every workload file.
const (
	APIVersion = "kmctl.dev/v1alpha1"
	Kind       = "Workload"
)

// Workload is one parsed, substituted and validated workload.
type Workload struct {
	APIVersion string      `json:"apiVersion"`
	Kind       string      `json:"kind"`
	Metadata   Metadata    `json:"metadata"`
	Params     []Param     `json:"params,omitempty"`
	Thresholds []Threshold `json:"thresholds,omitempty"`
	Ops        []Op        `json:"ops"`

	// Source names where it came from: a file path, or "builtin:<name>".
	Source string `json:"-"`
	// Values are the params after --param overrides, by name.
	Values map[string]string `json:"-"`
}

// Metadata names and describes a workload.
type Metadata struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// Param is a named value the ops refer to as $name (a whole scalar) or
// ${name} (inside a string); --param name=value overrides its default.
type Param struct {
	Name        string `json:"name"`
	Default     string `json:"default"`
	Description string `json:"description,omitempty"`
}

// Threshold fails a run when a measured figure misses it.
type Threshold struct {
	// Metric is a figure's name in the result: SchedulingThroughput (pods/s),
	// or a startup phase create_to_schedule, schedule_to_run, pod_startup
	// (seconds).
	Metric string `json:"metric"`
	// Stat is Average, Perc50, Perc90, Perc95, Perc99 or Max.
	Stat string `json:"stat"`
	// Min and Max bound the figure; at least one is set.
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
	// Op names the measured op it applies to; empty means every op with
	// collectMetrics.
	Op string `json:"op,omitempty"`
}

// Op kinds.
const (
	OpCreateNodes    = "createNodes"
	OpCreatePods     = "createPods"
	OpCreateAny      = "createAny"
	OpBarrier        = "barrier"
	OpChurn          = "churn"
	OpDeletePods     = "deletePods"
	OpStopComponent  = "stopComponent"
	OpStartComponent = "startComponent"
	OpSleep          = "sleep"
	// OpStartCollecting and OpStopCollecting measure every op between them
	// as one, as scheduler_perf's startCollectingMetrics: for a phase that
	// spans ops, such as a scheduler started on a backlog and the barrier
	// that waits for it. The measured span is named by the start op.
	OpStartCollecting = "startCollectingMetrics"
	OpStopCollecting  = "stopCollectingMetrics"
)

// Barrier conditions.
const (
	UntilScheduled = "scheduled"
	UntilRunning   = "running"
	UntilDeleted   = "deleted"
)

// Churn modes, as scheduler_perf's churn op.
const (
	// ChurnRecreate creates Count pods every Interval and deletes them one
	// Interval later, so about Count pods churn at any time.
	ChurnRecreate = "recreate"
	// ChurnCreate only creates Count pods every Interval.
	ChurnCreate = "create"
)

// Op is one step. Which fields an op kind takes is checked by Parse: a
// field that does not belong to the op is an error.
type Op struct {
	// Op is the kind: one of the Op* constants.
	Op string `json:"op"`
	// Name labels the op in results and thresholds; empty means
	// "<op>-<index>" (index from 0 in the file's order).
	Name string `json:"name,omitempty"`

	// Count is how many nodes or pods createNodes, createPods and churn
	// (per interval) create.
	Count int `json:"count,omitempty"`
	// Prefix names the objects <prefix>-<index>; empty means the op's name.
	Prefix string `json:"prefix,omitempty"`
	// Template is a kmctl scale template (the file of `kmctl scale node|pod
	// --template`), relative to the workload file; TemplateText is the same
	// inline. Empty means the built-in template.
	Template     string `json:"template,omitempty"`
	TemplateText string `json:"templateText,omitempty"`
	// Shape: the flags of kmctl scale node|pod with the same names.
	CPU    string `json:"cpu,omitempty"`
	Memory string `json:"memory,omitempty"`
	Pods   int    `json:"pods,omitempty"` // nodes: max pods (default 110)
	// EphemeralStorage (nodes) is the capacity of ephemeral-storage.
	EphemeralStorage string            `json:"ephemeralStorage,omitempty"`
	GPU              int               `json:"gpu,omitempty"`
	Resources        map[string]string `json:"resources,omitempty"`
	Labels           map[string]string `json:"labels,omitempty"`
	Annotations      map[string]string `json:"annotations,omitempty"`
	// Taints (nodes) are key=value:Effect, as kubectl taint.
	Taints []string `json:"taints,omitempty"`
	// Zones spreads nodes over this many zones: topology.kubernetes.io/zone
	// is zone-<index mod Zones>.
	Zones int `json:"zones,omitempty"`
	// NodeSelector and PriorityClass shape pods.
	NodeSelector  map[string]string `json:"nodeSelector,omitempty"`
	PriorityClass string            `json:"priorityClass,omitempty"`

	// Namespace holds the pods of createPods, churn, deletePods and the
	// objects of createAny; empty means the run's default namespace.
	Namespace string `json:"namespace,omitempty"`
	// Rate is pod creates per second; 0 means as fast as the apiserver goes.
	Rate float64 `json:"rate,omitempty"`
	// Writers is how many creates (or deletes) the op keeps in flight; 0
	// means kmctl scale's --parallel default. Fewer writers leave the
	// apiserver's CPU to the scheduler and the simulator; more keep a fast
	// scheduler fed.
	Writers int `json:"writers,omitempty"`
	// CollectMetrics measures the op (createPods, churn, barrier, sleep).
	CollectMetrics bool `json:"collectMetrics,omitempty"`
	// Wait (createPods) is what the op waits for before the next starts:
	// scheduled (default), running, or none.
	Wait string `json:"wait,omitempty"`
	// Unschedulable (createPods) says the pods are meant to fit nowhere: they
	// are left out of the capacity check and the op does not wait for them.
	Unschedulable bool `json:"unschedulable,omitempty"`

	// File (relative to the workload file) or Manifest (inline YAML, one or
	// more documents) are the objects createAny creates.
	File     string `json:"file,omitempty"`
	Manifest string `json:"manifest,omitempty"`

	// Until (barrier) is scheduled, running or deleted; LabelSelector and
	// Namespaces narrow the pods it (and deletePods) looks at; empty means
	// every pod the run created.
	Until         string   `json:"until,omitempty"`
	LabelSelector string   `json:"labelSelector,omitempty"`
	Namespaces    []string `json:"namespaces,omitempty"`

	// Mode, Interval and Duration shape churn; Duration is also sleep's.
	Mode     string   `json:"mode,omitempty"`
	Interval Duration `json:"interval,omitempty"`
	Duration Duration `json:"duration,omitempty"`

	// Component is the one stopComponent and startComponent act on:
	// kube-scheduler, kube-controller-manager or kmctl-simulator.
	Component string `json:"component,omitempty"`

	// Timeout bounds the op (waits included); 0 means the run's default.
	Timeout Duration `json:"timeout,omitempty"`

	// Line is where the op starts in its file, for errors at run time.
	Line int `json:"-"`
}

// Duration is a time.Duration written as "30s" in YAML and JSON.
type Duration struct{ time.Duration }
