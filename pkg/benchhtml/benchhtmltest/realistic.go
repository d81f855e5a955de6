// Package benchhtmltest makes bench results shaped like real runs (a
// scheduler binding about as fast as it does on 2 cores, a queue that fills
// and drains, components' CPU, the scheduler's histograms), for the HTML
// report's tests and the e2e fixture. The same arguments give the same
// result.
package benchhtmltest

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/stats"
)

// Start is when every made-up run starts.
var Start = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

// createRate is the pods per second the measured op creates, faster than
// the scheduler binds, so that a backlog builds.
const createRate = 500.0

// Run is the shape of a made-up SchedulingBasic run.
type Run struct {
	Nodes, Pods int
	// BindRate is the scheduler's pods per second.
	BindRate float64
	Seed     uint64
}

// Result makes the run's result: a createNodes op, then a measured
// createPods op whose figures come from simulated pod times through
// pkg/stats, as the runner's would.
func (c Run) Result() *benchresult.Result {
	rng := rand.New(rand.NewPCG(c.Seed, 21))
	pods := c.simulate(rng)
	opStart := Start.Add(20 * time.Second)
	m := pods.metrics(rng, c, opStart)
	took := time.Duration(pods.end * float64(time.Second))
	return &benchresult.Result{
		APIVersion: benchresult.APIVersion, Kind: benchresult.Kind,
		Workload: "SchedulingBasic", Source: "builtin:SchedulingBasic",
		Params: map[string]string{"nodes": strconv.Itoa(c.Nodes), "pods": strconv.Itoa(c.Pods), "initPods": "0"},
		Repeat: 1, Started: Start, Finished: opStart.Add(took + 2*time.Second), Cluster: "perf",
		Environment: environment(),
		Ops: []benchresult.Op{
			{Index: 0, Op: "createNodes", Name: "nodes", Started: Start.Add(time.Second), Took: benchresult.Duration(18 * time.Second)},
			{Index: 1, Op: "createPods", Name: "measure", Started: opStart, Took: benchresult.Duration(took), Pods: c.Pods, Metrics: m},
		},
		Thresholds:    thresholds(m),
		MeasuringCost: benchresult.MeasuringCost{CPUSeconds: 0.011 * pods.end, CoreShare: 0.011},
		Profiles:      profiles(),
	}
}

// podTimes holds each pod's created, bound and Running times in seconds
// from the op's start, and when the op ended.
type podTimes struct {
	created, bound, running []float64
	end                     float64
}

// simulate queues the pods at one scheduler: each binding takes an
// exponential time of mean 1/BindRate, and the simulator marks a pod
// Running some tens of milliseconds after its binding.
func (c Run) simulate(rng *rand.Rand) podTimes {
	p := podTimes{created: make([]float64, c.Pods), bound: make([]float64, c.Pods), running: make([]float64, c.Pods)}
	free := 0.0
	for i := range c.Pods {
		p.created[i] = float64(i) / createRate
		free = math.Max(free, p.created[i]) + rng.ExpFloat64()/c.BindRate
		p.bound[i] = free
		p.running[i] = free + 0.02 + rng.ExpFloat64()*0.03
		p.end = math.Max(p.end, p.running[i])
	}
	return p
}

func (p podTimes) metrics(rng *rand.Rand, c Run, start time.Time) *benchresult.Metrics {
	bound := make([]time.Time, len(p.bound))
	for i, b := range p.bound {
		bound[i] = start.Add(time.Duration(b * float64(time.Second)))
	}
	end := start.Add(time.Duration(p.end * float64(time.Second)))
	return &benchresult.Metrics{
		Started: start, Seconds: p.end,
		SchedulingThroughput: stats.Throughput(bound, start, end, time.Second),
		Startup: map[string]benchresult.Quantiles{
			"create_to_schedule": stats.Latencies(diff(p.bound, p.created)),
			"schedule_to_run":    stats.Latencies(diff(p.running, p.bound)),
			"pod_startup":        stats.Latencies(diff(p.running, p.created)),
		},
		Scheduler: scheduler(rng, c.Pods),
		APIServer: apiserver(c),
		Usage:     usage(p.end),
		Timeline:  p.timeline(rng),
	}
}

func diff(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] - b[i]
	}
	return out
}

// timeline samples the pods and the components' CPU every second.
func (p podTimes) timeline(rng *rand.Rand) []benchresult.Sample {
	running := slices.Clone(p.running)
	slices.Sort(running)
	var out []benchresult.Sample
	for t := 1.0; t < p.end+1; t++ {
		created, bound, running := countTo(p.created, t), countTo(p.bound, t), countTo(running, t)
		backoff := float64(rng.IntN(3))
		out = append(out, benchresult.Sample{
			Seconds: t, Bound: bound, Running: running,
			Pending: map[string]float64{"active": math.Max(float64(created-bound)-backoff, 0), "backoff": backoff, "unschedulable": 0, "gated": 0},
			CPU:     cpu(rng, created > bound),
		})
	}
	return out
}

// countTo counts the sorted times up to t.
func countTo(times []float64, t float64) int {
	return sort.Search(len(times), func(i int) bool { return times[i] > t })
}

// components and their CPU, in cores, while the scheduler has work.
var components = []struct {
	name  string
	cores float64
}{
	{"etcd", 0.22}, {"kube-apiserver", 0.85}, {"kube-controller-manager", 0.12},
	{"kube-scheduler", 0.92}, {"kmctl-simulator", 0.09}, {"prometheus", 0.04},
}

func cpu(rng *rand.Rand, busy bool) map[string]float64 {
	out := map[string]float64{}
	for _, c := range components {
		v := c.cores
		if !busy {
			v *= 0.15
		}
		out[c.name] = math.Round(v*(0.85+0.3*rng.Float64())*1000) / 1000
	}
	return out
}

func usage(seconds float64) []benchresult.Usage {
	out := make([]benchresult.Usage, len(components))
	for i, c := range components {
		out[i] = benchresult.Usage{Component: c.name, CPUSeconds: math.Round(c.cores*seconds*100) / 100, PeakRSSBytes: uint64(80+i*70) << 20}
	}
	return out
}
