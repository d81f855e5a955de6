// Package benchreport renders a bench result (pkg/benchresult) for people:
// summary.md, with the environment, the figures of every measured op
// against their upstream SLOs and the workload's thresholds, the cost of
// measuring and the profiles' top functions. It also holds the value
// formats and Markdown tables that bench compare shares.
package benchreport
