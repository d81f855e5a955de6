// Package meter reads the scheduler's and the simulator's /metrics directly
// and turns the readings into what a pod step did: binding and Running rates
// per interval, backlog, throughput, and latency quantiles of their
// histograms, and the simulator's node lease metrics. It is apart from the
// benchmark so that `kmctl scale pod --wait` measures its own pods with the
// same counters without importing the benchmark's orchestration.
package meter
