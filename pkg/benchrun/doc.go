// Package benchrun runs a workload (pkg/workload) on a cluster and measures
// it: the ops in order, and during the ops marked collectMetrics a pod
// watch (millisecond times of creation, binding and Running), the
// scheduler's and apiserver's own histograms, the components' CPU and
// memory, a timeline sampled every second and, when asked, CPU profiles.
// What one run measured is a benchresult.Result.
//
// The measuring must not be what is measured: it runs on connections of its
// own, under the pprof label kmctl=measure, and its CPU is read from a
// profile of kmctl itself and reported as the cost of measuring.
package benchrun
