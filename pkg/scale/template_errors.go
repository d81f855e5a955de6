package scale

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
)

// objectRef names the object a template renders in errors: "kmctl-pod-3 (index 3)".
func objectRef(d TemplateData) string {
	return fmt.Sprintf("%s (index %d)", d.Name, d.Index)
}

// trimmedLines splits text into lines without their surrounding blanks.
func trimmedLines(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}

// sourceLine returns the 1-based line of the template whose text, trimmed,
// is text trimmed, or 0 when no line or more than one is.
func (t *Template) sourceLine(text string) int {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0
	}
	found := 0
	for i, l := range t.source {
		if l != text {
			continue
		}
		if found != 0 {
			return 0
		}
		found = i + 1
	}
	return found
}

// renderedAt describes line n (1-based) of a render: its number, its text
// and, when that text is a unique line of the template file, the file's line.
func (t *Template) renderedAt(rendered []byte, n int) string {
	lines := strings.Split(string(rendered), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	where := fmt.Sprintf("line %d of the rendered output: %q", n, lines[n-1])
	if src := t.sourceLine(lines[n-1]); src > 0 {
		where += fmt.Sprintf(" (line %d of %s)", src, t.file)
	}
	return where
}

// templateAt matches text/template's "name:line:col: executing "name" at <...>: ...".
var templateAt = regexp.MustCompile(`^(\d+):(\d+): executing "[^"]*" (.*)$`)

// renderError names the template file, the object and the file's line where
// executing the template failed.
func (t *Template) renderError(d TemplateData, err error) error {
	msg := trimTemplatePrefix(err)
	if rest, ok := strings.CutPrefix(msg, t.t.Name()+":"); ok {
		if m := templateAt.FindStringSubmatch(rest); m != nil {
			msg = fmt.Sprintf("line %s, column %s: %s", m[1], m[2], m[3])
		}
	}
	return fmt.Errorf("cannot render template %s for %s: %s", t.file, objectRef(d), msg)
}

func trimTemplatePrefix(err error) string {
	return strings.TrimPrefix(err.Error(), "template: ")
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// yamlError names the template, the object and the line of the rendered
// YAML the parser stopped at.
func (t *Template) yamlError(d TemplateData, rendered []byte, err error) error {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("template %s renders invalid YAML for %s: %v", t.file, objectRef(d), strings.TrimPrefix(err.Error(), "error converting YAML to JSON: "))
	}
	n, _ := strconv.Atoi(m[1])
	return fmt.Errorf("template %s renders invalid YAML for %s: %s, at %s", t.file, objectRef(d), m[2], t.renderedAt(rendered, n))
}

// decodeError names the template, the object and, when it can be told,
// the line of the rendered YAML holding the field the decoder refused.
func (t *Template) decodeError(d TemplateData, kind string, rendered, data []byte, err error) error {
	msg := fmt.Sprintf("template %s renders a %s kmctl cannot use for %s: %s", t.file, kind, objectRef(d), trimJSONPrefix(err))
	if n := decodeErrorLine(rendered, data, err); n > 0 {
		msg += ", at " + t.renderedAt(rendered, n)
	}
	return errors.New(msg)
}

func trimJSONPrefix(err error) string {
	s := err.Error()
	for _, p := range []string{"error unmarshaling JSON: ", "while decoding JSON: ", "json: "} {
		s = strings.ReplaceAll(s, p, "")
	}
	return s
}

// fieldInError finds the field path a decode error names.
var fieldInError = regexp.MustCompile(`(?:unknown|duplicate) field "([^"]+)"|Go struct field (\S+) of type`)

// decodeErrorLine returns the line of rendered holding the field a decode
// error is about (the field it names, or the first resource quantity that
// does not parse), or 0 when no single line can be told.
func decodeErrorLine(rendered, data []byte, err error) int {
	var key, value string
	if m := fieldInError.FindStringSubmatch(err.Error()); m != nil {
		path := m[1] + m[2]
		key = path[strings.LastIndex(path, ".")+1:]
		key, _, _ = strings.Cut(key, "[")
	} else if strings.Contains(err.Error(), "quantities must match") {
		key, value = badQuantity(data)
	}
	if key == "" {
		return 0
	}
	return keyLine(rendered, key, value)
}

// quantityLists are the keys whose values map resource names to quantities.
var quantityLists = map[string]bool{"requests": true, "limits": true, "capacity": true, "allocatable": true, "overhead": true}

// badQuantity returns the first resource name (in key order, depth first)
// of a resource list in the JSON data whose quantity does not parse.
func badQuantity(data []byte) (name, value string) {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return "", ""
	}
	return findBadQuantity(v, false)
}

func findBadQuantity(v any, inList bool) (string, string) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s, ok := v[k].(string); ok && inList {
				if _, err := resource.ParseQuantity(s); err != nil {
					return k, s
				}
			}
			if name, value := findBadQuantity(v[k], quantityLists[k]); name != "" {
				return name, value
			}
		}
	case []any:
		for _, e := range v {
			if name, value := findBadQuantity(e, false); name != "" {
				return name, value
			}
		}
	}
	return "", ""
}

// keyLine returns the 1-based line of rendered that sets key (plain or
// quoted, possibly as a list item) to a value containing value, or 0 when
// no line or more than one does.
func keyLine(rendered []byte, key, value string) int {
	found := 0
	for i, l := range strings.Split(string(rendered), "\n") {
		l = strings.TrimPrefix(strings.TrimSpace(l), "- ")
		set := false
		for _, k := range []string{key, strconv.Quote(key), "'" + key + "'"} {
			if rest, ok := strings.CutPrefix(l, k+":"); ok && strings.Contains(rest, value) {
				set = true
			}
		}
		if !set {
			continue
		}
		if found != 0 {
			return 0
		}
		found = i + 1
	}
	return found
}
