// Package stats turns what a benchmark observed into the figures of a
// result: rates in fixed windows, percentiles of samples, and quantiles of
// Prometheus histograms. It is pure arithmetic, with no Kubernetes in it.
//
// Two kinds of percentile are computed, and each says which it is:
//
//   - From samples (throughput windows, pod startup latencies): the
//     nearest rank. The p-th percentile of n sorted values is the value at
//     rank ceil(p/100 * n), counting from 1, so it is always a value that
//     was observed: p50 of {1, 2, 3, 4} is 2, p99 of 100 windows is the
//     99th lowest. scheduler_perf's throughput collector and
//     clusterloader2's latency summaries index their sorted samples the
//     same way, so the figures read beside theirs.
//   - From histogram buckets (the scheduler's and apiserver's own
//     histograms): linear interpolation inside the bucket that holds the
//     rank, as Prometheus' histogram_quantile. Quantile is the one
//     implementation of it in kmctl.
package stats
