package templates

import (
	"strings"
	"testing"
	"text/template"
)

func TestTemplatesAreEmbedded(t *testing.T) {
	for name, text := range map[string]string{NodeFile: Node, PodFile: Pod} {
		if !strings.HasPrefix(text, "{{- /*") {
			t.Errorf("%s should start with its documenting comment", name)
		}
		stub := func(...any) string { return "" }
		funcs := template.FuncMap{"quote": stub, "add": stub, "sub": stub, "mul": stub, "div": stub, "mod": stub}
		if _, err := template.New(name).Funcs(funcs).Parse(text); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
