// Package benchresult is the schema of `kmctl bench run`'s result.json: what
// one run of a workload measured. The terminal summary, summary.md,
// report.html and `kmctl bench compare` are all rendered from it.
package benchresult

import "time"

// APIVersion and Kind head every result file. A change that renames or
// removes a field bumps the version; adding fields does not.
const (
	APIVersion = "kmctl.dev/v1alpha1"
	Kind       = "BenchResult"
)

// Result is one run of one workload.
type Result struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	// Workload is the workload's name; Source the file or "builtin:<name>";
	// Params the values it ran with (defaults and --param), by name.
	Workload string            `json:"workload"`
	Source   string            `json:"source"`
	Params   map[string]string `json:"params"`
	// Repeat is this run's number from 1 when --repeat ran several.
	Repeat   int       `json:"repeat"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	// Cluster is the cluster it ran on.
	Cluster     string      `json:"cluster"`
	Environment Environment `json:"environment"`
	// Ops holds every op in order; measured ones carry Metrics.
	Ops []Op `json:"ops"`
	// Thresholds are the workload's thresholds with what was measured.
	Thresholds []ThresholdResult `json:"thresholds,omitempty"`
	// MeasuringCost is the CPU the measuring itself used (kmctl's
	// watches, scrapes and sampling), as a share of one core over the
	// measured ops.
	MeasuringCost MeasuringCost `json:"measuringCost"`
	// Profiles are the files --profile wrote, relative to the run dir.
	Profiles []Profile `json:"profiles,omitempty"`
	// Error is why the run stopped early; empty when it completed.
	Error string `json:"error,omitempty"`
}

// Environment is what the figures depend on.
type Environment struct {
	KmctlVersion      string `json:"kmctlVersion"`
	KubeVersion       string `json:"kubeVersion"`
	EtcdVersion       string `json:"etcdVersion"`
	PrometheusVersion string `json:"prometheusVersion"`
	Runtime           string `json:"runtime"`
	Cores             int    `json:"cores"`
	MemoryBytes       uint64 `json:"memoryBytes"`
	CPUModel          string `json:"cpuModel"`
	GoVersion         string `json:"goVersion"`
	// SchedulerConfig is the scheduler's effective KubeSchedulerConfiguration
	// (YAML) as kmctl wrote it.
	SchedulerConfig string `json:"schedulerConfig"`
	// Changed lists every component setting kmctl sets away from the
	// upstream default, and the user's own extra flags.
	Changed []Setting `json:"changed"`
}

// Setting is one component flag or config field and its value.
type Setting struct {
	Component string `json:"component"`
	Name      string `json:"name"`
	Value     string `json:"value"`
	// Upstream is the upstream default; Why says why kmctl changes it
	// (empty for the user's own settings).
	Upstream string `json:"upstream,omitempty"`
	Why      string `json:"why,omitempty"`
}

// Op is one op of the run.
type Op struct {
	Index int    `json:"index"`
	Op    string `json:"op"`
	Name  string `json:"name"`
	// Started and Took time the op, waits included.
	Started time.Time `json:"started"`
	Took    Duration  `json:"took"`
	// Pods is how many pods the op created (createPods, churn).
	Pods int `json:"pods,omitempty"`
	// Metrics is set for ops with collectMetrics.
	Metrics *Metrics `json:"metrics,omitempty"`
}

// Metrics is what was measured during one op.
type Metrics struct {
	// Started and Seconds are the measured span, from the readings before
	// the op's work to those after it (within the op's own Started/Took).
	Started time.Time `json:"started"`
	Seconds float64   `json:"seconds"`
	// SchedulingThroughput is pods bound per second in 1 s windows, from a
	// watch (scheduler_perf compares its Average, clusterloader2 its Max).
	SchedulingThroughput Throughput `json:"schedulingThroughput"`
	// Startup holds clusterloader2's pod startup phases, from watch times
	// (millisecond resolution): create_to_schedule, schedule_to_run,
	// pod_startup (create to Running).
	Startup map[string]Quantiles `json:"startup"`
	// Scheduler holds the scheduler's own histograms, as the difference over
	// the op.
	Scheduler SchedulerMetrics `json:"scheduler"`
	// APIServer holds the control plane under the load.
	APIServer APIServerMetrics `json:"apiserver"`
	// Usage is the CPU and memory of every component over the op.
	Usage []Usage `json:"usage"`
	// Timeline holds one sample a second.
	Timeline []Sample `json:"timeline"`
	// WatchRelists are the times kmctl's pod watch had to list again during
	// the op (the apiserver closes a watcher that falls behind): pods that
	// changed before the list are timed when it arrived, so the figures of
	// an op with relists are less exact.
	WatchRelists []time.Time `json:"watchRelists,omitempty"`
}

// Throughput is a rate's statistics over its windows.
type Throughput struct {
	Average float64 `json:"average"`
	Perc50  float64 `json:"perc50"`
	Perc90  float64 `json:"perc90"`
	Perc95  float64 `json:"perc95"`
	Perc99  float64 `json:"perc99"`
	Max     float64 `json:"max"`
	// Windows is the count in each window, in order.
	Windows []float64 `json:"windows"`
	// WindowSeconds is the window's length.
	WindowSeconds float64 `json:"windowSeconds"`
}

// Quantiles of a latency, in seconds; Count is how many were observed.
type Quantiles struct {
	Count  int     `json:"count"`
	Perc50 float64 `json:"perc50"`
	Perc90 float64 `json:"perc90"`
	Perc99 float64 `json:"perc99"`
	Max    float64 `json:"max,omitempty"`
}

// SchedulerMetrics are the scheduler's histograms over an op.
type SchedulerMetrics struct {
	// AttemptDuration is scheduler_scheduling_attempt_duration_seconds by
	// result (scheduled, unschedulable, error).
	AttemptDuration map[string]Histogram `json:"attemptDuration"`
	// PodSchedulingSLI is scheduler_pod_scheduling_sli_duration_seconds.
	PodSchedulingSLI Histogram `json:"podSchedulingSLI"`
	// ExtensionPoints is scheduler_framework_extension_point_duration_seconds
	// by extension point.
	ExtensionPoints map[string]Histogram `json:"extensionPoints"`
	// Plugins is scheduler_plugin_execution_duration_seconds by
	// "<plugin>/<extension point>"; the scheduler samples these (about one
	// attempt in ten), so counts are lower than attempts.
	Plugins map[string]Histogram `json:"plugins"`
	// Pending is scheduler_pending_pods by queue at the op's end.
	Pending map[string]float64 `json:"pending"`
}

// Histogram is a Prometheus histogram's difference over an op: its
// quantiles (by linear interpolation in the buckets, as
// histogram_quantile), count and sum, and the buckets themselves.
type Histogram struct {
	Quantiles
	Sum     float64  `json:"sum"`
	Buckets []Bucket `json:"buckets,omitempty"`
}

// Bucket is a cumulative histogram bucket: Count observations <= UpperBound
// (+Inf is written as the JSON string "+Inf").
type Bucket struct {
	UpperBound Float   `json:"le"`
	Count      float64 `json:"count"`
}

// APIServerMetrics are the apiserver's and etcd's figures over an op.
type APIServerMetrics struct {
	// Requests holds apiserver_request_duration_seconds p99 by verb and
	// resource, with counts, errors (5xx) and the SLO it is held to.
	Requests []Request `json:"requests"`
	// Rejected is apiserver_flowcontrol_rejected_requests_total's increase.
	Rejected float64 `json:"rejected"`
	// EtcdRequests is etcd_request_duration_seconds by operation.
	EtcdRequests map[string]Quantiles `json:"etcdRequests"`
	// EtcdDBBytes is the database size at the op's end.
	EtcdDBBytes float64 `json:"etcdDBBytes"`
}

// Request is one verb and resource at the apiserver.
type Request struct {
	Verb     string  `json:"verb"`
	Resource string  `json:"resource"`
	Scope    string  `json:"scope,omitempty"`
	Count    float64 `json:"count"`
	Errors   float64 `json:"errors"`
	Perc99   float64 `json:"perc99"`
	// SLO is the upstream API call latency SLO for it, in seconds (1 for
	// mutating and single-object reads, 5 for lists in a namespace, 30 for
	// cluster-scoped lists).
	SLO float64 `json:"slo"`
}

// Usage is one component's cost over an op.
type Usage struct {
	Component  string  `json:"component"`
	CPUSeconds float64 `json:"cpuSeconds"`
	// PeakRSSBytes is the highest resident memory seen.
	PeakRSSBytes uint64 `json:"peakRSSBytes"`
}

// Sample is one second of the timeline.
type Sample struct {
	// Seconds since the op started.
	Seconds float64 `json:"t"`
	// Bound and Running count the run's pods the watch has seen bound and
	// Running since the run started.
	Bound   int `json:"bound"`
	Running int `json:"running"`
	// Pending is scheduler_pending_pods by queue: active, backoff,
	// unschedulable, gated.
	Pending map[string]float64 `json:"pending,omitempty"`
	// CPU is each component's CPU use over the last second, in cores.
	CPU map[string]float64 `json:"cpu,omitempty"`
}

// ThresholdResult is a threshold with the figure it was held to.
type ThresholdResult struct {
	Op     string   `json:"op"`
	Metric string   `json:"metric"`
	Stat   string   `json:"stat"`
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
	Value  float64  `json:"value"`
	Passed bool     `json:"passed"`
}

// MeasuringCost is what kmctl's own measuring used.
type MeasuringCost struct {
	CPUSeconds float64 `json:"cpuSeconds"`
	// CoreShare is CPUSeconds over the measured time: 0.02 is 2% of a core.
	CoreShare float64 `json:"coreShare"`
}

// Profile is one pprof file the run saved.
type Profile struct {
	Component string `json:"component"`
	Type      string `json:"type"`
	Op        string `json:"op"`
	File      string `json:"file"`
	// Top is the functions with the most flat samples, highest first.
	Top []TopFunction `json:"top,omitempty"`
}

// TopFunction is one line of pprof -top. Flat and Cum are seconds for a
// CPU profile, and the profile's own unit (bytes, counts) otherwise.
type TopFunction struct {
	Function string  `json:"function"`
	Flat     float64 `json:"flat"`
	FlatPct  float64 `json:"flatPct"`
	Cum      float64 `json:"cum"`
	CumPct   float64 `json:"cumPct"`
}

// Duration is a time.Duration written as seconds (a JSON number).
type Duration time.Duration

// Float is a float64 that writes +Inf, -Inf and NaN as the strings "+Inf",
// "-Inf" and "NaN" (JSON has no number for them).
type Float float64
