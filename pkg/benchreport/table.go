package benchreport

import (
	"io"
	"strings"
)

// Table writes a Markdown table: the first column aligned left, the others,
// which hold figures, right. Pipes in cells are escaped.
func Table(w io.Writer, header []string, rows [][]string) error {
	var b strings.Builder
	row(&b, header)
	b.WriteString("|")
	for i := range header {
		if i == 0 {
			b.WriteString(" --- |")
		} else {
			b.WriteString(" ---: |")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		row(&b, r)
	}
	_, err := io.WriteString(w, b.String())
	return err
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
