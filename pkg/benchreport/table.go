package benchreport

import (
	"io"
	"strings"
)

// Table writes a Markdown table. A column of figures (every cell starting
// with a digit or a sign, or a dash for none) aligns right, so that figures
// line up; the others, and the first, align left. Pipes in cells are
// escaped.
func Table(w io.Writer, header []string, rows [][]string) error {
	var b strings.Builder
	row(&b, header)
	b.WriteString("|")
	for i := range header {
		if i > 0 && figures(rows, i) {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		row(&b, r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// figures says whether column i holds only figures.
func figures(rows [][]string, i int) bool {
	for _, r := range rows {
		if i >= len(r) {
			continue
		}
		c := r[i]
		if c != "" && c != "-" && !strings.ContainsAny(c[:1], "0123456789+-~?") {
			return false
		}
	}
	return true
}

func row(b *strings.Builder, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + Escape(c) + " |")
	}
	b.WriteString("\n")
}

// Escape keeps pipes and newlines in text from breaking a table.
func Escape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
