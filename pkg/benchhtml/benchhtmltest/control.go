package benchhtmltest

import (
	"math"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

func apiserver(c Run) benchresult.APIServerMetrics {
	pods := float64(c.Pods)
	return benchresult.APIServerMetrics{
		Requests: []benchresult.Request{
			{Verb: "POST", Resource: "pods", Scope: "resource", Count: pods, Perc99: 0.09, SLO: 1},
			{Verb: "POST", Resource: "pods/binding", Scope: "resource", Count: pods, Perc99: 0.12, SLO: 1},
			{Verb: "PATCH", Resource: "pods/status", Scope: "resource", Count: pods, Errors: 1, Perc99: 0.15, SLO: 1},
			{Verb: "PUT", Resource: "leases", Scope: "resource", Count: math.Round(float64(c.Nodes) * 0.4), Perc99: 0.04, SLO: 1},
			{Verb: "GET", Resource: "nodes", Scope: "resource", Count: 120, Perc99: 0.02, SLO: 1},
			{Verb: "LIST", Resource: "pods", Scope: "namespace", Count: 4, Perc99: 0.6, SLO: 5},
			{Verb: "LIST", Resource: "nodes", Scope: "cluster", Count: 2, Perc99: 1.4, SLO: 30},
		},
		EtcdRequests: map[string]benchresult.Quantiles{
			"create": {Count: 2 * c.Pods, Perc50: 0.004, Perc90: 0.011, Perc99: 0.028},
			"update": {Count: 2 * c.Pods, Perc50: 0.005, Perc90: 0.012, Perc99: 0.031},
			"get":    {Count: c.Pods, Perc50: 0.0009, Perc90: 0.002, Perc99: 0.006},
			"list":   {Count: 6, Perc50: 0.05, Perc90: 0.2, Perc99: 0.31},
		},
		EtcdDBBytes: 40<<20 + pods*6200,
	}
}

func environment() benchresult.Environment {
	return benchresult.Environment{
		KmctlVersion: "v0.3.0", KubeVersion: "v1.34.4", EtcdVersion: "v3.6.5", PrometheusVersion: "v3.5.0",
		Runtime: "binary", Cores: 2, MemoryBytes: 24 << 30, CPUModel: "AMD EPYC 7B13", GoVersion: "go1.26.8",
		SchedulerConfig: schedulerConfig,
		Changed: []benchresult.Setting{
			{Component: "kube-controller-manager", Name: "--node-monitor-grace-period", Value: "40s", Upstream: "50s",
				Why: "fewer lease writes per node; undo with --node-monitor-grace-period 50s"},
			{Component: "kube-scheduler", Name: "clientConnection.qps", Value: "5000", Upstream: "50",
				Why: "the scheduler's client is not the bottleneck under test; undo with --kube-scheduler-qps 50"},
			{Component: "kube-apiserver", Name: "--max-requests-inflight", Value: "1600", Upstream: "400",
				Why: "the simulator's status writes share the apiserver with the scheduler; undo with --kube-apiserver-max-requests-inflight 400"},
			{Component: "kube-scheduler", Name: "--v", Value: "2"},
		},
	}
}

const schedulerConfig = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: /root/.kmctl/clusters/perf/kubeconfig
  qps: 5000
  burst: 10000
leaderElection:
  leaderElect: false
percentageOfNodesToScore: 0
profiles:
- schedulerName: default-scheduler
`

func thresholds(m *benchresult.Metrics) []benchresult.ThresholdResult {
	minAvg := 100.0
	return []benchresult.ThresholdResult{{
		Op: "measure", Metric: "SchedulingThroughput", Stat: "Average", Min: &minAvg,
		Value: m.SchedulingThroughput.Average, Passed: m.SchedulingThroughput.Average >= minAvg,
	}}
}

func profiles() []benchresult.Profile {
	return []benchresult.Profile{{
		Component: "kube-scheduler", Type: "cpu", Op: "measure", File: "profiles/kube-scheduler-measure.pprof",
		Top: []benchresult.TopFunction{
			{Function: "runtime.mallocgc", Flat: 2.1, FlatPct: 8.4, Cum: 4.6, CumPct: 18.4},
			{Function: "k8s.io/kubernetes/pkg/scheduler/framework/plugins/noderesources.(*Fit).Filter", Flat: 1.7, FlatPct: 6.8, Cum: 2.9, CumPct: 11.6},
			{Function: "runtime.scanobject", Flat: 1.5, FlatPct: 6, Cum: 2.2, CumPct: 8.8},
			{Function: "k8s.io/kubernetes/pkg/scheduler/framework.(*NodeInfo).Snapshot", Flat: 0.9, FlatPct: 3.6, Cum: 1.4, CumPct: 5.6},
			{Function: "encoding/json.(*decodeState).object", Flat: 0.6, FlatPct: 2.4, Cum: 1.8, CumPct: 7.2},
		},
	}}
}
