package benchhtmltest

import (
	"math"
	"math/rand/v2"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/stats"
)

// The scheduler's bucket layouts (upstream's metrics.go).
var (
	attemptBuckets   = exponential(0.001, 2, 15)
	extensionBuckets = exponential(0.0001, 2, 12)
	pluginBuckets    = exponential(0.00001, 1.5, 20)
)

func exponential(start, factor float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = start * math.Pow(factor, float64(i))
	}
	return out
}

// extensionPoints and their median, in seconds, at 1000 nodes.
var extensionPoints = []struct {
	name   string
	median float64
}{
	{"PreFilter", 0.00004}, {"Filter", 0.0018}, {"PostFilter", 0.0001}, {"PreScore", 0.00006},
	{"Score", 0.0011}, {"Reserve", 0.00001}, {"Permit", 0.000005}, {"PreBind", 0.00002}, {"Bind", 0.004},
}

// plugins of the default profile, as "<plugin>/<extension point>", and
// their median in seconds.
var plugins = []struct {
	name   string
	median float64
}{
	{"NodeResourcesFit/Filter", 0.000012}, {"NodeResourcesFit/Score", 0.000009}, {"NodeResourcesFit/PreFilter", 0.000006},
	{"NodeResourcesBalancedAllocation/Score", 0.000008}, {"ImageLocality/Score", 0.000004}, {"TaintToleration/Filter", 0.000002},
	{"TaintToleration/Score", 0.000003}, {"NodeAffinity/Filter", 0.000002}, {"NodeAffinity/Score", 0.000002},
	{"NodeAffinity/PreFilter", 0.000003}, {"PodTopologySpread/Filter", 0.000004}, {"PodTopologySpread/Score", 0.000006},
	{"PodTopologySpread/PreFilter", 0.00002}, {"PodTopologySpread/PreScore", 0.00003}, {"InterPodAffinity/Filter", 0.000002},
	{"InterPodAffinity/Score", 0.000003}, {"InterPodAffinity/PreFilter", 0.00001}, {"InterPodAffinity/PreScore", 0.00002},
	{"NodePorts/Filter", 0.000001}, {"NodePorts/PreFilter", 0.000002}, {"NodeName/Filter", 0.000001},
	{"NodeUnschedulable/Filter", 0.000001}, {"VolumeBinding/Filter", 0.000003}, {"VolumeBinding/PreFilter", 0.000005},
	{"VolumeBinding/Reserve", 0.000002}, {"VolumeBinding/PreBind", 0.000003}, {"DefaultBinder/Bind", 0.004},
	{"DefaultPreemption/PostFilter", 0.00005}, {"VolumeRestrictions/Filter", 0.000001}, {"EBSLimits/Filter", 0.000001},
}

func scheduler(rng *rand.Rand, pods int) benchresult.SchedulerMetrics {
	s := benchresult.SchedulerMetrics{
		AttemptDuration:  map[string]benchresult.Histogram{"scheduled": observe(rng, pods, 0.005, attemptBuckets)},
		PodSchedulingSLI: observe(rng, pods, 2.5, attemptBuckets),
		ExtensionPoints:  map[string]benchresult.Histogram{},
		Plugins:          map[string]benchresult.Histogram{},
		Pending:          map[string]float64{"active": 0, "backoff": 0, "unschedulable": 0, "gated": 0},
	}
	for _, e := range extensionPoints {
		s.ExtensionPoints[e.name] = observe(rng, pods, e.median, extensionBuckets)
	}
	// The scheduler samples plugin metrics: about one attempt in ten.
	for _, p := range plugins {
		s.Plugins[p.name] = observe(rng, pods/10, p.median, pluginBuckets)
	}
	return s
}

// observe buckets n log-normal observations around median, as a
// histogram's difference over the op.
func observe(rng *rand.Rand, n int, median float64, bounds []float64) benchresult.Histogram {
	counts := make([]float64, len(bounds)+1)
	sum := 0.0
	for range n {
		v := median * math.Exp(0.6*rng.NormFloat64())
		sum += v
		i := 0
		for i < len(bounds) && v > bounds[i] {
			i++
		}
		counts[i]++
	}
	buckets := make([]benchresult.Bucket, len(counts))
	cum := 0.0
	for i, c := range counts {
		cum += c
		le := math.Inf(1)
		if i < len(bounds) {
			le = bounds[i]
		}
		buckets[i] = benchresult.Bucket{UpperBound: benchresult.Float(le), Count: cum}
	}
	return stats.FromBuckets(buckets, sum)
}
