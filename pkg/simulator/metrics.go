package simulator

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Kinds of writes the simulator makes.
const (
	writeNodeStatus = "node_status"
	writeNodeSpec   = "node_spec"
	writeLease      = "lease"
	writePodStatus  = "pod_status"
	writePodDelete  = "pod_delete"
)

// resultInvalid counts a write the simulator did not send because the node
// is misconfigured: its capacity annotation (node_status) or its podCIDR
// (pod_status) is invalid. It is not retried until the node changes.
const resultInvalid = "invalid"

// Metrics are the simulator's own Prometheus metrics.
type Metrics struct {
	Registry      *prometheus.Registry
	writes        *prometheus.CounterVec
	writeDuration *prometheus.HistogramVec
	nodes         prometheus.Gauge
	podsStarted   prometheus.Counter
	podsSeen      prometheus.Counter
	podsGone      prometheus.Counter
	podStart      *prometheus.HistogramVec
	// sinceCreated and sinceBound are podStart's two series.
	sinceCreated, sinceBound prometheus.Observer
	// leases are set by registerLeases.
	leases *leaseMetrics
}

// podStartBuckets are the kubelet's pod-startup SLI buckets, in seconds.
var podStartBuckets = []float64{0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480, 600, 900, 1200, 1800, 2700, 3600}

// NewMetrics registers the simulator's metrics, plus Go and process metrics.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		writes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kmctl_simulator_writes_total",
			Help: "Writes to the apiserver by kind and result (ok, conflict, not_found, error; " +
				"invalid: not sent, the node's capacity annotation or podCIDR being invalid).",
		}, []string{"kind", "result"}),
		writeDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kmctl_simulator_write_duration_seconds",
			Help:    "Latency of writes to the apiserver by kind.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
		}, []string{"kind"}),
		nodes: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "kmctl_simulator_managed_nodes",
			Help: "Nodes this simulator plays kubelet for.",
		}),
		podsStarted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kmctl_simulator_pods_started_total",
			Help: "Pods moved to Running.",
		}),
		podsSeen: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kmctl_simulator_pods_seen_total",
			Help: "Bound pods the simulator received waiting to run: those seen minus those started " +
				"(and minus those gone) are in its hands.",
		}),
		podsGone: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kmctl_simulator_pods_gone_total",
			Help: "Pods seen waiting to run that were deleted before the simulator started them.",
		}),
		podStart: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kmctl_simulator_pod_start_duration_seconds",
			Help: "Time from a pod's creation (from=created) or binding (from=scheduled, its PodScheduled condition) " +
				"to the apiserver accepting its Running status; both start times have one-second resolution.",
			Buckets: podStartBuckets,
		}, []string{"from"}),
	}
	m.Registry.MustRegister(m.writes, m.writeDuration, m.nodes, m.podsStarted, m.podsSeen, m.podsGone, m.podStart,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.sinceCreated = m.podStart.WithLabelValues("created")
	m.sinceBound = m.podStart.WithLabelValues("scheduled")
	return m
}

// observe records one write.
func (m *Metrics) observe(kind string, start time.Time, err error) {
	if m == nil {
		return
	}
	m.writeDuration.WithLabelValues(kind).Observe(time.Since(start).Seconds())
	m.writes.WithLabelValues(kind, result(err)).Inc()
}

// skipped counts a write of kind not sent because the node is misconfigured.
func (m *Metrics) skipped(kind string) {
	if m != nil {
		m.writes.WithLabelValues(kind, resultInvalid).Inc()
	}
}

func result(err error) string {
	switch {
	case err == nil:
		return "ok"
	case apierrors.IsConflict(err):
		return "conflict"
	case apierrors.IsNotFound(err):
		return "not_found"
	default:
		return "error"
	}
}

// registerQueues exposes the work queues' depths.
func (m *Metrics) registerQueues(depths map[string]func() int) {
	if m == nil {
		return
	}
	for name, depth := range depths {
		depth := depth
		m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name:        "kmctl_simulator_queue_depth",
			Help:        "Keys waiting in a work queue.",
			ConstLabels: prometheus.Labels{"queue": name},
		}, func() float64 { return float64(depth()) }))
	}
}

func (m *Metrics) nodeAdded(delta float64) {
	if m != nil {
		m.nodes.Add(delta)
	}
}

// podStarted counts a pod moved to Running at now and how long it took
// since the pod was created and since it was bound.
func (m *Metrics) podStarted(pod *corev1.Pod, now time.Time) {
	if m == nil {
		return
	}
	m.podsStarted.Inc()
	m.sinceCreated.Observe(now.Sub(pod.CreationTimestamp.Time).Seconds())
	if bound, ok := scheduledAt(pod); ok {
		m.sinceBound.Observe(now.Sub(bound).Seconds())
	}
}

// podStartedUntimed counts a pod moved to Running at an unknown time.
func (m *Metrics) podStartedUntimed() {
	if m != nil {
		m.podsStarted.Inc()
	}
}

// scheduledAt is when the pod was bound: its PodScheduled condition's
// transition to True, which the apiserver sets on binding.
func scheduledAt(pod *corev1.Pod) (time.Time, bool) {
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionTrue && !c.LastTransitionTime.IsZero() {
			return c.LastTransitionTime.Time, true
		}
	}
	return time.Time{}, false
}

func (m *Metrics) podSeen() {
	if m != nil {
		m.podsSeen.Inc()
	}
}

// podGone counts a pod deleted while waiting to run.
func (m *Metrics) podGone() {
	if m != nil {
		m.podsGone.Inc()
	}
}
