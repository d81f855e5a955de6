package benchrun

import (
	"sort"
	"strings"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/metrics"
)

// The apiserver's metrics a measured op reads.
const (
	metricRequestDuration = "apiserver_request_duration_seconds"
	metricRequests        = "apiserver_request_total"
	metricRejected        = "apiserver_flowcontrol_rejected_requests_total"
	metricEtcdDuration    = "etcd_request_duration_seconds"
	metricStorageSize     = "apiserver_storage_size_bytes"
)

// requestLabels key a request: verb, resource, subresource, scope.
var requestLabels = []string{"verb", "resource", "subresource", "scope"}

// apiserverDelta is what the apiserver observed between two pages.
func apiserverDelta(before, after metrics.Families) benchresult.APIServerMetrics {
	out := benchresult.APIServerMetrics{
		Requests:     requests(before, after),
		Rejected:     max(0, after.Counter(metricRejected, nil)-before.Counter(metricRejected, nil)),
		EtcdRequests: map[string]benchresult.Quantiles{},
		EtcdDBBytes:  finite(after.GaugeMax(metricStorageSize)),
	}
	for op, h := range deltasBy(before, after, metricEtcdDuration, "operation") {
		out.EtcdRequests[op] = h.Quantiles
	}
	return out
}

// requests are the latency p99, count and server errors of each verb and
// resource that saw requests, busiest first. Watches and connects are long
// by design and have no latency SLO, so they are left out.
func requests(before, after metrics.Families) []benchresult.Request {
	errs := serverErrors(before, after)
	var out []benchresult.Request
	for key, h := range deltasBy(before, after, metricRequestDuration, requestLabels...) {
		parts := strings.Split(key, "/")
		verb, resource, sub, scope := parts[0], parts[1], parts[2], parts[3]
		if verb == "WATCH" || verb == "CONNECT" {
			continue
		}
		if sub != "" {
			resource += "/" + sub
		}
		out = append(out, benchresult.Request{
			Verb: verb, Resource: resource, Scope: scope,
			Count: float64(h.Count), Errors: errs[key], Perc99: h.Perc99, SLO: sloSeconds(verb, scope),
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Verb+out[i].Resource < out[j].Verb+out[j].Resource
	})
	return out
}

// serverErrors counts 5xx answers by request key.
func serverErrors(before, after metrics.Families) map[string]float64 {
	by := append(append([]string{}, requestLabels...), "code")
	earlier := before.CountersBy(metricRequests, nil, by...)
	out := map[string]float64{}
	for key, v := range after.CountersBy(metricRequests, nil, by...) {
		i := strings.LastIndex(key, "/")
		if !strings.HasPrefix(key[i+1:], "5") {
			continue
		}
		out[key[:i]] += max(0, v-earlier[key])
	}
	return out
}

// sloSeconds is the upstream API call latency SLO a request is held to:
// 1 s for mutating calls and single-object reads, 5 s for lists in a
// namespace, 30 s for lists across the cluster.
func sloSeconds(verb, scope string) float64 {
	if verb != "LIST" {
		return 1
	}
	if scope == "namespace" {
		return 5
	}
	return 30
}
