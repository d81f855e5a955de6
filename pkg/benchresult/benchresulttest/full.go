// Package benchresulttest holds a result with every field set, for the
// golden tests of the result file, the report and compare.
package benchresulttest

import (
	"math"
	"time"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// Start is when Full's run started.
var Start = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

// Full returns a result of two ops, the second measured, with every field
// of the schema set. Each call returns a fresh copy.
func Full() *benchresult.Result {
	minAvg, maxP99 := 100.0, 5.0
	return &benchresult.Result{
		APIVersion: benchresult.APIVersion, Kind: benchresult.Kind,
		Workload: "SchedulingBasic", Source: "builtin:SchedulingBasic",
		Params: map[string]string{"nodes": "500", "pods": "1000"},
		Repeat: 1, Started: Start, Finished: Start.Add(95 * time.Second),
		Cluster:     "perf",
		Environment: environment(),
		Ops: []benchresult.Op{
			{Index: 0, Op: "createNodes", Name: "nodes", Started: Start.Add(time.Second), Took: benchresult.Duration(4500 * time.Millisecond)},
			{Index: 1, Op: "createPods", Name: "measure", Started: Start.Add(6 * time.Second), Took: benchresult.Duration(10250 * time.Millisecond), Pods: 1000, Metrics: metrics()},
		},
		Thresholds: []benchresult.ThresholdResult{
			{Op: "measure", Metric: "SchedulingThroughput", Stat: "Average", Min: &minAvg, Value: 97.5, Passed: false},
			{Op: "measure", Metric: "pod_startup", Stat: "Perc99", Max: &maxP99, Value: 2.25, Passed: true},
		},
		MeasuringCost: benchresult.MeasuringCost{CPUSeconds: 0.12, CoreShare: 0.0117},
		Profiles: []benchresult.Profile{{
			Component: "kube-scheduler", Type: "cpu", Op: "measure", File: "profiles/kube-scheduler-measure.pprof",
			Top: []benchresult.TopFunction{
				{Function: "k8s.io/kubernetes/pkg/scheduler/framework/plugins/noderesources.(*Fit).Filter", Flat: 1.25, FlatPct: 12.5, Cum: 2.5, CumPct: 25},
				{Function: "runtime.mallocgc", Flat: 0.75, FlatPct: 7.5, Cum: 0.9, CumPct: 9},
			},
		}},
		Error: "op 2 (cleanup) failed: context deadline exceeded",
	}
}

func environment() benchresult.Environment {
	return benchresult.Environment{
		KmctlVersion: "v0.3.0", KubeVersion: "v1.34.4", EtcdVersion: "v3.6.5", PrometheusVersion: "v3.5.0",
		Runtime: "binary", Cores: 2, MemoryBytes: 24 << 30, CPUModel: "AMD EPYC 7B13", GoVersion: "go1.26.8",
		SchedulerConfig: "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n",
		Changed: []benchresult.Setting{
			{Component: "kube-controller-manager", Name: "--node-monitor-grace-period", Value: "40s", Upstream: "50s", Why: "fewer lease writes; undo with --node-monitor-grace-period 50s"},
			{Component: "kube-scheduler", Name: "--kube-api-qps", Value: "5000"},
		},
	}
}

func metrics() *benchresult.Metrics {
	return &benchresult.Metrics{
		Started: Start.Add(1500 * time.Millisecond), Seconds: 10.25,
		SchedulingThroughput: benchresult.Throughput{
			Average: 97.5, Perc50: 100, Perc90: 120, Perc95: 125, Perc99: 130, Max: 130,
			Windows: []float64{80, 100, 120, 130, 100, 95, 100, 90, 110, 50}, WindowSeconds: 1,
		},
		Startup: map[string]benchresult.Quantiles{
			"create_to_schedule": {Count: 1000, Perc50: 0.5, Perc90: 1.2, Perc99: 1.8, Max: 2},
			"schedule_to_run":    {Count: 1000, Perc50: 0.05, Perc90: 0.1, Perc99: 0.25, Max: 0.3},
			"pod_startup":        {Count: 1000, Perc50: 0.6, Perc90: 1.4, Perc99: 2.25, Max: 2.5},
		},
		Scheduler: benchresult.SchedulerMetrics{
			AttemptDuration: map[string]benchresult.Histogram{
				"scheduled":     histogram(1000, 0.004, 0.008, 0.016),
				"unschedulable": histogram(10, 0.002, 0.004, 0.008),
			},
			PodSchedulingSLI: histogram(1000, 0.4, 1.1, 1.7),
			ExtensionPoints: map[string]benchresult.Histogram{
				"Filter": histogram(1010, 0.001, 0.002, 0.004),
				"Score":  histogram(1000, 0.0005, 0.001, 0.002),
			},
			Plugins: map[string]benchresult.Histogram{
				"NodeResourcesFit/Filter":    histogram(101, 0.0001, 0.0002, 0.0004),
				"InterPodAffinity/PreFilter": histogram(100, 0.00002, 0.00004, 0.00008),
			},
			Pending: map[string]float64{"active": 0, "backoff": 0, "unschedulable": 10, "gated": 0},
		},
		APIServer: benchresult.APIServerMetrics{
			Requests: []benchresult.Request{
				{Verb: "POST", Resource: "pods", Scope: "resource", Count: 1000, Errors: 0, Perc99: 0.05, SLO: 1},
				{Verb: "POST", Resource: "pods/binding", Scope: "resource", Count: 1000, Errors: 2, Perc99: 0.08, SLO: 1},
				{Verb: "LIST", Resource: "nodes", Scope: "cluster", Count: 3, Errors: 0, Perc99: 0.9, SLO: 30},
			},
			Rejected:     1,
			EtcdRequests: map[string]benchresult.Quantiles{"create": {Count: 2000, Perc50: 0.004, Perc90: 0.009, Perc99: 0.02}},
			EtcdDBBytes:  12.5 * (1 << 20),
		},
		Usage: []benchresult.Usage{
			{Component: "kube-apiserver", CPUSeconds: 8.5, PeakRSSBytes: 900 << 20},
			{Component: "kube-scheduler", CPUSeconds: 6.25, PeakRSSBytes: 150 << 20},
		},
		Timeline: []benchresult.Sample{
			{Seconds: 1, Bound: 80, Running: 70, Pending: map[string]float64{"active": 900}, CPU: map[string]float64{"kube-scheduler": 0.9}},
			{Seconds: 2, Bound: 180, Running: 175, Pending: map[string]float64{"active": 800}, CPU: map[string]float64{"kube-scheduler": 0.95}},
		},
		WatchRelists: []time.Time{Start.Add(8 * time.Second)},
	}
}

// histogram is a difference over the op with buckets up to +Inf; its
// quantiles are given, not computed from the buckets.
func histogram(count int, p50, p90, p99 float64) benchresult.Histogram {
	n := float64(count)
	return benchresult.Histogram{
		Quantiles: benchresult.Quantiles{Count: count, Perc50: p50, Perc90: p90, Perc99: p99},
		Sum:       n * p50,
		Buckets: []benchresult.Bucket{
			{UpperBound: benchresult.Float(p50 * 2), Count: n * 0.9},
			{UpperBound: benchresult.Float(p99 * 2), Count: n},
			{UpperBound: benchresult.Float(math.Inf(1)), Count: n},
		},
	}
}
