package benchreport

import (
	"fmt"
	"strings"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

func apiserver(m *mdWriter, a benchresult.APIServerMetrics) {
	m.heading(3, "Control plane")
	if len(a.Requests) > 0 {
		m.para("apiserver request latency p99 against the upstream API call latency SLOs (watches have none):")
		rows := make([][]string, len(a.Requests))
		for i, r := range a.Requests {
			rows[i] = []string{r.Verb, r.Resource, dash(r.Scope), fmt.Sprintf("%.0f", r.Count), fmt.Sprintf("%.0f", r.Errors),
				Seconds(r.Perc99), Seconds(r.SLO), passFail(r.SLO <= 0 || r.Perc99 <= r.SLO)}
		}
		m.table([]string{"verb", "resource", "scope", "requests", "5xx", "p99", "SLO", ""}, rows)
	}
	m.para("Requests rejected by API priority and fairness: %.0f.", a.Rejected)
	if len(a.EtcdRequests) > 0 {
		var rows [][]string
		for _, op := range SortedKeys(a.EtcdRequests) {
			rows = append(rows, quantileRow(op, a.EtcdRequests[op], false))
		}
		m.table([]string{"etcd operation", "count", "p50", "p90", "p99"}, rows)
	}
	m.para("etcd database size at the end: %s.", Bytes(a.EtcdDBBytes))
}

func usage(m *mdWriter, us []benchresult.Usage, took float64) {
	if len(us) == 0 {
		return
	}
	m.heading(3, "Usage")
	rows := make([][]string, len(us))
	for i, u := range us {
		cores := "-"
		if took > 0 {
			cores = fmt.Sprintf("%.2f", u.CPUSeconds/took)
		}
		rows[i] = []string{u.Component, Seconds(u.CPUSeconds), cores, Bytes(float64(u.PeakRSSBytes))}
	}
	m.table([]string{"component", "CPU", "cores (mean)", "peak RSS"}, rows)
}

func passFail(ok bool) string {
	if ok {
		return "pass"
	}
	return "**fail**"
}

func joinComma(parts []string) string { return strings.Join(parts, ", ") }
