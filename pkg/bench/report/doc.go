// Package report is what a `kmctl benchmark` run measured and how it is
// shown: the Report and its rows, the targets and the apiserver's ceiling
// each figure is put beside, the table printed on the terminal as the run
// goes and the Markdown written at its end. It only renders: the benchmark
// (pkg/bench) measures and fills it in, from pkg/bench/meter's readings.
package report
