package scale

import (
	"strings"
	"testing"
)

// commentHead is a template comment of 10 lines that renders nothing, as
// at the top of the built-in templates: rendered line n is file line n+10.
const commentHead = `{{- /*
A user template.
It has
a comment
that
renders
nothing
at
all.
*/ -}}
`

// TestYAMLErrorTellsRenderedLineFromTemplateLine checks that a YAML error
// says the line is one of the rendered output, and gives the template
// file's line only when the rendered text is a unique line of the file.
func TestYAMLErrorTellsRenderedLineFromTemplateLine(t *testing.T) {
	cases := map[string]struct {
		text        string
		want, avoid []string
	}{
		"literal line": {commentHead + podHead + "   labels: {a: b}\n",
			[]string{"kmctl-pod-0 (index 0)", `line 5 of the rendered output: "   labels: {a: b}" (line 15 of `}, nil},
		"line made by an action": {commentHead + podHead + "   labels: {a: {{ .Index }}}\n",
			[]string{"kmctl-pod-0 (index 0)", `line 5 of the rendered output: "   labels: {a: 0}"`}, []string{"(line 15 of"}},
		"line twice in the file": {commentHead + podHead + "{{- if false }}\n   labels: {a: b}\n{{- end }}\n   labels: {a: b}\n",
			[]string{`line 5 of the rendered output: "   labels: {a: b}"`}, []string{" of /"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			o := podOpts()
			o.TemplateFile = writeTemplate(t, c.text)
			_, err := NewPodScaler(o)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range append(c.want, "invalid YAML", o.TemplateFile) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			for _, a := range c.avoid {
				if strings.Contains(err.Error(), a) {
					t.Errorf("error %q contains %q", err, a)
				}
			}
		})
	}
}

func TestSourceLine(t *testing.T) {
	tmpl := &Template{source: trimmedLines("a: 1\n  b: 2\n\nc: {{ .X }}\nd: 4\nd: 4\n")}
	for text, want := range map[string]int{"a: 1": 1, "    b: 2  ": 2, "": 0, "c: 3": 0, "d: 4": 0, "e: 5": 0} {
		if got := tmpl.sourceLine(text); got != want {
			t.Errorf("sourceLine(%q) = %d, want %d", text, got, want)
		}
	}
}

func TestKeyLine(t *testing.T) {
	rendered := []byte("a:\n  cpu: \"1\"\n- cpu: lots\n  \"memory\": x\n  memory: y\n")
	cases := []struct {
		key, value string
		want       int
	}{
		{"cpu", "lots", 3},
		{"cpu", "", 0}, // two lines set cpu
		{"memory", "x", 4},
		{"a", "", 1},
		{"nope", "", 0},
	}
	for _, c := range cases {
		if got := keyLine(rendered, c.key, c.value); got != c.want {
			t.Errorf("keyLine(%q, %q) = %d, want %d", c.key, c.value, got, c.want)
		}
	}
}

func TestBadQuantity(t *testing.T) {
	data := []byte(`{"spec":{"containers":[{"name":"lots","resources":{"limits":{"cpu":"1"},"requests":{"cpu":"2","memory":"much"}}}]}}`)
	if name, value := badQuantity(data); name != "memory" || value != "much" {
		t.Errorf("badQuantity = %q, %q", name, value)
	}
	if name, _ := badQuantity([]byte(`{"status":{"capacity":{"cpu":"32","pods":110}}}`)); name != "" {
		t.Errorf("badQuantity found %q in good quantities", name)
	}
}
