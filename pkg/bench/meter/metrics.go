package meter

// Metric names the benchmark reads.
const (
	// metricScheduled counts the scheduler's successful attempts (bindings)
	// with result="scheduled".
	metricScheduled = "scheduler_schedule_attempts_total"
	// metricAttemptDuration is the scheduler's per-attempt latency histogram.
	metricAttemptDuration = "scheduler_scheduling_attempt_duration_seconds"
	// metricStarted counts the pods the simulator moved to Running.
	metricStarted = "kmctl_simulator_pods_started_total"
	// metricSeen counts the bound pods the simulator received waiting to run.
	metricSeen = "kmctl_simulator_pods_seen_total"
	// metricQueue is the depth of the simulator's work queues.
	metricQueue = "kmctl_simulator_queue_depth"
	// metricWriteDuration is the simulator's write latency histogram, by kind.
	metricWriteDuration = "kmctl_simulator_write_duration_seconds"
	// metricPodStart is the simulator's pod startup histogram, from the
	// pod's creation or from its binding to Running.
	metricPodStart = "kmctl_simulator_pod_start_duration_seconds"
)

// scheduledOnly selects the series of successful scheduling attempts.
var scheduledOnly = map[string]string{"result": "scheduled"}

// podQueue selects the simulator's pod work queue.
var podQueue = map[string]string{"queue": "pods"}

// podStatusWrites selects the simulator's pod status writes.
var podStatusWrites = map[string]string{"kind": "pod_status"}

// fromCreated and fromScheduled select the pod startup series timed from
// the pod's creation and from its binding.
var (
	fromCreated   = map[string]string{"from": "created"}
	fromScheduled = map[string]string{"from": "scheduled"}
)
