package benchreport

import (
	"fmt"
	"io"
)

// mdWriter writes Markdown blocks, keeping the first write error so that
// the renderers read straight through.
type mdWriter struct {
	w   io.Writer
	err error
}

// line writes one line.
func (m *mdWriter) line(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format+"\n", args...)
	}
}

// heading writes a heading of the level and a blank line.
func (m *mdWriter) heading(level int, format string, args ...any) {
	m.line("%s %s\n", "######"[:level], fmt.Sprintf(format, args...))
}

// para writes a paragraph and a blank line.
func (m *mdWriter) para(format string, args ...any) {
	m.line(format+"\n", args...)
}

// table writes a table and a blank line; nothing when it has no rows.
func (m *mdWriter) table(header []string, rows [][]string) {
	if m.err != nil || len(rows) == 0 {
		return
	}
	m.err = Table(m.w, header, rows)
	m.line("")
}
