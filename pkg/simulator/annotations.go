package simulator

// Annotations that script a pod's life. They are kept on the pod (or its
// template), so they survive a simulator restart; `kmctl fault pod` writes
// them on pods that already run.
const (
	// AnnotationFailAfter makes every container exit this long after it
	// (re)starts, e.g. "30s". With restartPolicy Never the pod ends Failed;
	// otherwise the containers restart with the kubelet's back-off
	// (CrashLoopBackOff) and exit again.
	AnnotationFailAfter = "kmctl.dev/fail-after"
	// AnnotationExitCode is the exit code of a failing container: 1 by
	// default, 137 when the reason is OOMKilled.
	AnnotationExitCode = "kmctl.dev/exit-code"
	// AnnotationExitReason is the terminated reason of a failing container:
	// Error by default, or OOMKilled.
	AnnotationExitReason = "kmctl.dev/exit-reason"
	// AnnotationReady "false" keeps the pod's containers running but never
	// ready.
	AnnotationReady = "kmctl.dev/ready"
	// AnnotationReadyPeriod flips the readiness of running containers every
	// period (e.g. "30s"): ready for one period after they (re)start,
	// unready for the next, and so on.
	AnnotationReadyPeriod = "kmctl.dev/ready-period"
	// AnnotationImagePullFails "true" keeps the pod Pending, its containers
	// waiting with ErrImagePull and then ImagePullBackOff.
	AnnotationImagePullFails = "kmctl.dev/image-pull-fails"
	// AnnotationInitFailures makes the pod's first init container fail
	// this many times (restarting with the kubelet's back-off,
	// Init:CrashLoopBackOff) before it completes; with restartPolicy Never
	// the first failure ends the pod Failed.
	AnnotationInitFailures = "kmctl.dev/init-failures"
	// AnnotationFaultUntil (RFC 3339) ends the pod's scripted faults
	// (fail-after, ready, ready-period, image-pull-fails, init-failures):
	// after it the pod behaves as if they were not set.
	AnnotationFaultUntil = "kmctl.dev/fault-until"
	// AnnotationTerminationGraceCap makes a graceful deletion take the
	// pod's grace period, up to this long (e.g. "30s"), as containers that
	// take their time to stop; without it the pod goes at once.
	AnnotationTerminationGraceCap = "kmctl.dev/termination-grace-cap"
)

// Annotations that script a node's faults, kept on the node so that they
// survive a simulator restart; `kmctl fault node` writes them.
const (
	// AnnotationNodeFaults holds a JSON object from fault name (one of
	// NodeFaults) to the RFC 3339 time it ends, or "" for until cleared.
	AnnotationNodeFaults = "kmctl.dev/faults"
)

// Node faults a simulator can play.
const (
	// FaultNotReady reports Ready=False while the lease stays renewed.
	FaultNotReady = "NotReady"
	// FaultUnknown stops the node's lease renewals and status writes, as a
	// kubelet that died: the controller-manager marks the node Unknown after
	// its grace period and taint-based eviction follows.
	FaultUnknown = "Unknown"
	// FaultMemoryPressure, FaultDiskPressure, FaultPIDPressure and
	// FaultNetworkUnavailable set that condition True.
	FaultMemoryPressure     = "MemoryPressure"
	FaultDiskPressure       = "DiskPressure"
	FaultPIDPressure        = "PIDPressure"
	FaultNetworkUnavailable = "NetworkUnavailable"
)

// NodeFaults lists every node fault, in the order help texts give them.
var NodeFaults = []string{FaultNotReady, FaultUnknown, FaultMemoryPressure, FaultDiskPressure, FaultPIDPressure, FaultNetworkUnavailable}
