package benchhtml

import (
	"fmt"
	"strconv"

	"github.com/kmctl/kmctl/pkg/benchreport"
)

// table is one HTML table; the template escapes every cell.
type table struct {
	Caption string
	Head    []string
	Rows    [][]cell
}

// cell is a table cell; Class is "num" for figures (aligned right), "pass"
// or "fail" for verdicts, or empty.
type cell struct {
	Text, Class string
}

func plain(s string) cell { return cell{Text: dash(s)} }
func num(s string) cell   { return cell{Text: s, Class: "num"} }

// latency is a figure in seconds, in the unit that fits it.
func latency(s float64) cell { return num(benchreport.Seconds(s)) }

func count(v float64) cell { return num(strconv.FormatFloat(v, 'f', 0, 64)) }

func verdict(ok bool) cell {
	if ok {
		return cell{Text: "pass", Class: "pass"}
	}
	return cell{Text: "fail", Class: "fail"}
}

func percent(share float64) string { return fmt.Sprintf("%.2f%%", share*100) }

// dash stands in for an empty value.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// pairs is a two-column table of names and values.
func pairs(caption string, kv ...string) table {
	t := table{Caption: caption}
	for i := 0; i+1 < len(kv); i += 2 {
		t.Rows = append(t.Rows, []cell{{Text: kv[i], Class: "name"}, plain(kv[i+1])})
	}
	return t
}
