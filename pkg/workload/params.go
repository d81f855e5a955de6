package workload

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// paramName is what a param may be called.
var paramName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// inString finds ${name} inside a string.
var inString = regexp.MustCompile(`\$\{([A-Za-z][A-Za-z0-9_]*)\}`)

// ParseParamFlags reads --param NAME=VALUE flags.
func ParseParamFlags(items []string) (map[string]string, error) {
	out := map[string]string{}
	for _, it := range items {
		k, v, ok := strings.Cut(it, "=")
		if !ok || !paramName.MatchString(k) {
			return nil, fmt.Errorf("--param %q: want NAME=VALUE, e.g. --param nodes=5000", it)
		}
		out[k] = v
	}
	return out, nil
}

// params decodes the param list.
func (p *parser) params(n *yaml.Node) ([]Param, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, p.errorf(n, "params must be a list of {name, default, description}")
	}
	var out []Param
	seen := map[string]bool{}
	for _, item := range n.Content {
		var pm Param
		if err := p.decodeStrict(item, "param", &pm); err != nil {
			return nil, err
		}
		switch {
		case !paramName.MatchString(pm.Name):
			return nil, p.errorf(item, "param name %q: letters, digits and _, starting with a letter", pm.Name)
		case seen[pm.Name]:
			return nil, p.errorf(item, "param %q is declared twice", pm.Name)
		}
		seen[pm.Name] = true
		out = append(out, pm)
	}
	return out, nil
}

// values are the params' defaults with the overrides applied; an override
// of an unknown param is an error listing the known ones.
func values(params []Param, overrides map[string]string) (map[string]string, error) {
	out := map[string]string{}
	for _, pm := range params {
		out[pm.Name] = pm.Default
	}
	var unknown []string
	for k, v := range overrides {
		if _, ok := out[k]; !ok {
			unknown = append(unknown, k)
			continue
		}
		out[k] = v
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("--param %s: the workload has no such param; its params are %s", strings.Join(unknown, ", "), paramList(params))
	}
	return out, nil
}

func paramList(params []Param) string {
	if len(params) == 0 {
		return "none"
	}
	names := make([]string, len(params))
	for i, pm := range params {
		names[i] = pm.Name
	}
	return strings.Join(names, ", ")
}

// substitute replaces, in every scalar under n, a whole "$name" with the
// value (then decoded by the field's type) and "${name}" inside a string.
func (p *parser) substitute(n *yaml.Node, vals map[string]string) error {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return p.substituteScalar(n, vals)
	}
	for _, c := range n.Content {
		if err := p.substitute(c, vals); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) substituteScalar(n *yaml.Node, vals map[string]string) error {
	if strings.HasPrefix(n.Value, "$") && paramName.MatchString(n.Value[1:]) {
		v, ok := vals[n.Value[1:]]
		if !ok {
			return p.errorf(n, "unknown param %s; the params are %s", n.Value, sortedKeys(vals))
		}
		n.Value, n.Tag, n.Style = v, "", 0 // typed again by its field
		return nil
	}
	var missing string
	n.Value = inString.ReplaceAllStringFunc(n.Value, func(m string) string {
		name := m[2 : len(m)-1]
		v, ok := vals[name]
		if !ok {
			missing = name
		}
		return v
	})
	if missing != "" {
		return p.errorf(n, "unknown param ${%s}; the params are %s", missing, sortedKeys(vals))
	}
	return nil
}

func sortedKeys(m map[string]string) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}
