package workload

// common are the fields every op takes.
var common = []string{"op", "name", "timeout"}

// shape are the fields that shape the pods or nodes kmctl scale creates.
var podShape = []string{"count", "prefix", "template", "templateText", "cpu", "memory", "gpu", "resources", "labels", "annotations", "nodeSelector", "priorityClass", "namespace", "rate", "writers"}

// opFields lists, per op kind, the fields it takes besides common: one
// table, so that a field on the wrong op is an error rather than ignored.
var opFields = map[string][]string{
	OpCreateNodes:     {"count", "prefix", "template", "templateText", "cpu", "memory", "ephemeralStorage", "pods", "gpu", "resources", "labels", "annotations", "taints", "zones", "writers"},
	OpCreatePods:      append(append([]string{}, podShape...), "collectMetrics", "wait", "unschedulable"),
	OpCreateAny:       {"file", "manifest", "namespace"},
	OpBarrier:         {"until", "labelSelector", "namespaces", "collectMetrics"},
	OpChurn:           append(append([]string{}, podShape...), "mode", "interval", "duration", "collectMetrics"),
	OpDeletePods:      {"labelSelector", "namespaces", "namespace", "writers"},
	OpStopComponent:   {"component"},
	OpStartComponent:  {"component"},
	OpSleep:           {"duration", "collectMetrics"},
	OpStartCollecting: {},
	OpStopCollecting:  {},
}

// opKinds is every op kind, in the order docs list them.
var opKinds = []string{OpCreateNodes, OpCreatePods, OpCreateAny, OpBarrier, OpChurn, OpDeletePods, OpStopComponent, OpStartComponent, OpSleep, OpStartCollecting, OpStopCollecting}

// takes tells whether op kind takes the field.
func takes(kind, field string) bool {
	for _, f := range common {
		if f == field {
			return true
		}
	}
	for _, f := range opFields[kind] {
		if f == field {
			return true
		}
	}
	return false
}

// Components that stopComponent and startComponent act on.
var stoppable = []string{"kube-scheduler", "kube-controller-manager", "kmctl-simulator"}

// Threshold metrics and stats.
var (
	thresholdMetrics = []string{"SchedulingThroughput", "create_to_schedule", "schedule_to_run", "pod_startup"}
	throughputStats  = []string{"Average", "Perc50", "Perc90", "Perc95", "Perc99", "Max"}
	latencyStats     = []string{"Perc50", "Perc90", "Perc99", "Max"}
)
