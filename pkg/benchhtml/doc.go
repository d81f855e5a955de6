// Package benchhtml renders a bench result (pkg/benchresult) as report.html:
// one self-contained page, with no scripts and nothing fetched, that opens
// offline in any browser. Charts are drawn by gonum/plot as SVG on the
// server and inlined; tables carry the exact figures the charts round.
package benchhtml
