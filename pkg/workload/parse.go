package workload

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// fileError is a problem at a line of a workload file.
type fileError struct {
	source string
	line   int
	msg    string
}

func (e *fileError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.source, e.line, e.msg)
	}
	return fmt.Sprintf("%s: %s", e.source, e.msg)
}

// parser turns one file into a Workload, keeping the file's name for errors.
type parser struct {
	source string
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &fileError{source: p.source, line: line, msg: fmt.Sprintf(format, args...)}
}

// topFields are the keys of a workload document.
var topFields = []string{"apiVersion", "kind", "metadata", "params", "thresholds", "ops"}

// Parse reads a workload: YAML, params substituted (defaults, then
// overrides), decoded strictly and validated. source names it in errors
// ("builtin:<name>" for a built-in). Files it refers to are resolved by the
// caller (Load).
func Parse(source string, data []byte, overrides map[string]string) (*Workload, error) {
	p := &parser{source: source}
	root, err := p.document(data)
	if err != nil {
		return nil, err
	}
	keys, err := p.mapping(root, "the workload", topFields)
	if err != nil {
		return nil, err
	}
	w := &Workload{Source: source}
	if err := p.header(keys, w); err != nil {
		return nil, err
	}
	if w.Params, err = p.params(keys["params"]); err != nil {
		return nil, err
	}
	if w.Values, err = values(w.Params, overrides); err != nil {
		return nil, p.errorf(nil, "%v", err)
	}
	for _, name := range []string{"ops", "thresholds"} {
		if err := p.substitute(keys[name], w.Values); err != nil {
			return nil, err
		}
	}
	if w.Thresholds, err = p.thresholds(keys["thresholds"]); err != nil {
		return nil, err
	}
	if w.Ops, err = p.ops(keys["ops"]); err != nil {
		return nil, err
	}
	if err := p.validate(w, keys["ops"]); err != nil {
		return nil, err
	}
	return w, nil
}

// document parses data into its one YAML document's root mapping.
func (p *parser) document(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, &fileError{source: p.source, msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, p.errorf(nil, "empty workload")
	}
	var extra yaml.Node
	if dec.Decode(&extra) == nil {
		return nil, p.errorf(&extra, "a workload file holds one document; this is a second")
	}
	return doc.Content[0], nil
}

// mapping checks that n is a mapping with only allowed keys and returns its
// values by key.
func (p *parser) mapping(n *yaml.Node, what string, allowed []string) (map[string]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n, "%s must be a mapping", what)
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !contains(allowed, k.Value) {
			return nil, p.errorf(k, "unknown field %q in %s; known fields: %s", k.Value, what, strings.Join(allowed, ", "))
		}
		if _, dup := out[k.Value]; dup {
			return nil, p.errorf(k, "field %q appears twice in %s", k.Value, what)
		}
		out[k.Value] = v
	}
	return out, nil
}

// header reads apiVersion, kind and metadata.
func (p *parser) header(keys map[string]*yaml.Node, w *Workload) error {
	for _, f := range []struct {
		key, want string
		dst       *string
	}{{"apiVersion", APIVersion, &w.APIVersion}, {"kind", Kind, &w.Kind}} {
		n := keys[f.key]
		if n == nil || n.Value != f.want {
			return p.errorf(n, "%s must be %s", f.key, f.want)
		}
		*f.dst = n.Value
	}
	md := keys["metadata"]
	if md == nil {
		return p.errorf(nil, "metadata.name is missing")
	}
	if err := p.decodeStrict(md, "metadata", &w.Metadata); err != nil {
		return err
	}
	if w.Metadata.Name == "" {
		return p.errorf(md, "metadata.name is missing")
	}
	return nil
}

// decodeStrict decodes a node into v through JSON, so that the types' json
// names and methods apply and an unknown field is an error.
func (p *parser) decodeStrict(n *yaml.Node, what string, v any) error {
	var generic any
	if err := n.Decode(&generic); err != nil {
		return p.errorf(n, "%s: %v", what, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	data, err := json.Marshal(generic)
	if err != nil {
		return p.errorf(n, "%s: %v", what, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return p.errorf(n, "%s: %s", what, jsonProblem(err))
	}
	return nil
}

// jsonProblem words a decoding error in the file's terms.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if ok := asType(err, &te); ok {
		return fmt.Sprintf("field %s must be a %s, not a %s", te.Field, te.Type, te.Value)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return strings.ReplaceAll(msg, "Go struct field ", "")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
