// Package benchcompare compares the results of two or more runs of kmctl
// bench (each a run dir, possibly with repeats) figure by figure: the value
// of each side, its difference from the first side and, with three repeats
// or more on both sides, whether the difference is significant by the
// Mann-Whitney U test at alpha 0.05, as benchstat decides it. It also
// writes the runs in the Go benchmark format, for benchstat itself.
package benchcompare
