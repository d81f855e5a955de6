package scale

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"text/template"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// TemplateData is what a template sees when it renders one object. The
// default templates (templates/node.yaml, templates/pod.yaml) show each field.
type TemplateData struct {
	// Name is <Prefix>-<Index>; kmctl sets metadata.name to it whatever the template says.
	Name   string
	Index  int
	Prefix string
	// Namespace is the pods' namespace; empty for nodes.
	Namespace string
	// Labels hold LabelManaged, LabelScale, --label and, for nodes, the
	// standard node labels; Annotations hold --annotation.
	Labels, Annotations map[string]string
	// CPU, Memory and EphemeralStorage are quantities as given; empty means unset.
	CPU, Memory, EphemeralStorage string
	// Pods is a node's pod capacity; GPU the number of nvidia.com/gpu.
	Pods, GPU int
	// ExtraResources are --resource name=quantity pairs.
	ExtraResources map[string]string
	// Taints are a node's --taint values.
	Taints []corev1.Taint
	// NodeName, NodeSelector and PriorityClass are a pod's scheduling fields.
	NodeName      string
	NodeSelector  map[string]string
	PriorityClass string
	// PodCIDR and InternalIP are a pod range no other node holds and its
	// first host: the node index's own (see PodCIDR) when free, else the
	// lowest free one.
	PodCIDR, InternalIP string
}

// Template is a parsed object template.
type Template struct {
	// file names the template in errors: the user's path or "built-in <name>".
	file string
	// source holds the template's lines, trimmed, to find a rendered line in.
	source []string
	t      *template.Template
	memo   decodeMemo
}

// funcs are the helpers a template may call besides text/template's own.
var funcs = template.FuncMap{
	"quote": quote,
	"add":   func(a, b int) int { return a + b },
	"sub":   func(a, b int) int { return a - b },
	"mul":   func(a, b int) int { return a * b },
	"div":   func(a, b int) (int, error) { return divide(a, b, false) },
	"mod":   func(a, b int) (int, error) { return divide(a, b, true) },
}

// quote renders a string as a YAML (JSON) double-quoted scalar.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func divide(a, b int, remainder bool) (int, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	if remainder {
		return a % b, nil
	}
	return a / b, nil
}

// ParseTemplate parses template text; file names it in errors.
func ParseTemplate(file, text string) (*Template, error) {
	t, err := template.New(filepath.Base(file)).Funcs(funcs).Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, fmt.Errorf("cannot parse template %s: %v", file, trimTemplatePrefix(err))
	}
	return &Template{file: file, source: trimmedLines(text), t: t}, nil
}

// LoadTemplate reads path, or parses the built-in text when path is empty.
func LoadTemplate(path, builtinName, builtin string) (*Template, error) {
	if path == "" {
		return ParseTemplate("built-in "+builtinName, builtin)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read --template: %w", err)
	}
	return ParseTemplate(path, string(data))
}

// template is the objects' template: TemplateText, TemplateFile, or the
// built-in one.
func (o Options) template(builtinName, builtin string) (*Template, error) {
	if o.TemplateText != "" {
		return ParseTemplate(o.TemplateFile, o.TemplateText)
	}
	return LoadTemplate(o.TemplateFile, builtinName, builtin)
}

// userTemplate tells whether the objects come from the user's template.
func (o Options) userTemplate() bool { return o.TemplateFile != "" || o.TemplateText != "" }

// Render executes the template for one object.
func (t *Template) Render(d TemplateData) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.t.Execute(&buf, d); err != nil {
		return nil, t.renderError(d, err)
	}
	return buf.Bytes(), nil
}

// decode renders d and decodes the YAML strictly into obj (a *corev1.Node or
// *corev1.Pod): duplicate keys, unknown and mistyped fields are errors.
// A render seen before but for the name is copied from the memo.
func (t *Template) decode(d TemplateData, kind string, obj runtime.Object) error {
	rendered, err := t.Render(d)
	if err != nil {
		return err
	}
	key := memoKey(rendered, d.Name)
	if t.memo.load(key, d.Name, obj) {
		return nil
	}
	if err := t.decodeRendered(d, kind, rendered, obj); err != nil {
		return err
	}
	t.memo.store(key, d.Name, obj)
	return nil
}

// decodeRendered decodes one render strictly into obj.
func (t *Template) decodeRendered(d TemplateData, kind string, rendered []byte, obj runtime.Object) error {
	data, err := yaml.YAMLToJSONStrict(rendered)
	if err != nil {
		return t.yamlError(d, rendered, err)
	}
	strict, err := sigsjson.UnmarshalStrict(data, obj)
	if err == nil && len(strict) > 0 {
		err = errors.Join(strict...)
	}
	if err != nil {
		return t.decodeError(d, kind, rendered, data, err)
	}
	return nil
}

// checkKind fails when the template renders another kind than the command makes.
func (t *Template) checkKind(d TemplateData, tm metav1.TypeMeta, kind string) error {
	if tm.Kind == kind && tm.APIVersion == "v1" {
		return nil
	}
	return fmt.Errorf("template %s renders apiVersion %q kind %q for %s; it must render apiVersion v1 kind %s",
		t.file, tm.APIVersion, tm.Kind, objectRef(d), kind)
}
