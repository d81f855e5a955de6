package simulator

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// LifecycleAPIVersion and LifecycleKind head a lifecycle file.
const (
	LifecycleAPIVersion = "kmctl.dev/v1alpha1"
	LifecycleKind       = "Lifecycle"
)

// Lifecycle scripts the lives of whole populations of pods: each pod takes
// the life of the first rule that picks it, and its own annotations win
// over that life. The empty lifecycle (the default) leaves every pod to
// its annotations and the simulator's options.
type Lifecycle struct {
	Rules []LifecycleRule
}

// LifecycleRule picks pods and gives them a life.
type LifecycleRule struct {
	Name  string
	Match PodMatch
	// notes are the life as the annotations that script it.
	notes map[string]string
}

// PodMatch picks pods by namespace, labels and owner, then a share of them.
type PodMatch struct {
	Namespaces []string
	Selector   labels.Selector
	// OwnerKind is the kind of the pod's controller: Deployment (its
	// ReplicaSet's pods with a pod-template-hash label), ReplicaSet,
	// StatefulSet, DaemonSet or Job.
	OwnerKind string
	// Percent of the matching pods, picked by a hash of their UID (so the
	// same pods after a simulator restart); 100 takes all.
	Percent float64
}

// ownerKinds are the kinds PodMatch.OwnerKind takes.
var ownerKinds = []string{"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"}

// lifeFields maps the fields of a rule's life to the annotations they stand for.
var lifeFields = []struct{ field, note string }{
	{"runningDelay", AnnotationRunningDelay},
	{"completeAfter", AnnotationCompleteAfter},
	{"failAfter", AnnotationFailAfter},
	{"exitCode", AnnotationExitCode},
	{"exitReason", AnnotationExitReason},
	{"ready", AnnotationReady},
	{"readyPeriod", AnnotationReadyPeriod},
	{"imagePullFails", AnnotationImagePullFails},
	{"initFailures", AnnotationInitFailures},
	{"terminationGraceCap", AnnotationTerminationGraceCap},
}

// notesFor is pod's annotations over the life of the first rule that picks it.
func (l *Lifecycle) notesFor(pod *corev1.Pod) map[string]string {
	if l == nil || len(l.Rules) == 0 {
		return pod.Annotations
	}
	for i := range l.Rules {
		r := &l.Rules[i]
		if !r.Match.picks(r.Name, pod) {
			continue
		}
		notes := make(map[string]string, len(r.notes)+len(pod.Annotations))
		for k, v := range r.notes {
			notes[k] = v
		}
		for k, v := range pod.Annotations {
			notes[k] = v
		}
		return notes
	}
	return pod.Annotations
}

// picks is true when m matches pod, and pod is in the rule's share.
func (m PodMatch) picks(rule string, pod *corev1.Pod) bool {
	if len(m.Namespaces) > 0 && !slices.Contains(m.Namespaces, pod.Namespace) {
		return false
	}
	if m.Selector != nil && !m.Selector.Matches(labels.Set(pod.Labels)) {
		return false
	}
	if m.OwnerKind != "" && ownerKindOf(pod) != m.OwnerKind {
		return false
	}
	if m.Percent >= 100 {
		return true
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(rule + "/" + string(pod.UID)))
	return float64(h.Sum32()%10000) < m.Percent*100
}

// ownerKindOf is the kind of the pod's controller, a ReplicaSet's pods
// with a pod-template-hash label counting as a Deployment's.
func ownerKindOf(pod *corev1.Pod) string {
	for _, o := range pod.OwnerReferences {
		if o.Controller == nil || !*o.Controller {
			continue
		}
		if o.Kind == "ReplicaSet" && pod.Labels["pod-template-hash"] != "" {
			return "Deployment"
		}
		return o.Kind
	}
	return ""
}

// LoadLifecycle reads and checks a lifecycle file.
func LoadLifecycle(path string) (*Lifecycle, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the lifecycle file: %w", err)
	}
	return ParseLifecycle(path, data)
}

// ParseLifecycle checks a lifecycle file's content; source names it in
// errors, which give the line.
func ParseLifecycle(source string, data []byte) (*Lifecycle, error) {
	p := lifecycleParser{source: source}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %s", source, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty lifecycle file", source)
	}
	top, err := p.mapping(doc.Content[0], "the lifecycle", "apiVersion", "kind", "rules")
	if err != nil {
		return nil, err
	}
	if v := scalar(top["apiVersion"]); v != LifecycleAPIVersion {
		return nil, p.errorf(doc.Content[0], "apiVersion is %q, want %s", v, LifecycleAPIVersion)
	}
	if v := scalar(top["kind"]); v != LifecycleKind {
		return nil, p.errorf(doc.Content[0], "kind is %q, want %s", v, LifecycleKind)
	}
	l := &Lifecycle{}
	rules := top["rules"]
	if rules == nil {
		return l, nil
	}
	if rules.Kind != yaml.SequenceNode {
		return nil, p.errorf(rules, "rules must be a list")
	}
	for _, n := range rules.Content {
		r, err := p.rule(n)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(l.Rules, func(o LifecycleRule) bool { return o.Name == r.Name }) {
			return nil, p.errorf(n, "rule %q appears twice: rule names pick the pods of a percent, so each must be unique", r.Name)
		}
		l.Rules = append(l.Rules, r)
	}
	return l, nil
}

// lifecycleParser reads one file, naming it and the line in errors.
type lifecycleParser struct{ source string }

func (p lifecycleParser) errorf(n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", p.source, n.Line, fmt.Sprintf(format, args...))
}

// mapping returns the values of mapping n by key, refusing other keys.
func (p lifecycleParser) mapping(n *yaml.Node, what string, allowed ...string) (map[string]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n, "%s must be a mapping", what)
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(allowed, k.Value) {
			return nil, p.errorf(k, "unknown field %q in %s; known fields: %s", k.Value, what, strings.Join(allowed, ", "))
		}
		if _, dup := out[k.Value]; dup {
			return nil, p.errorf(k, "field %q appears twice in %s", k.Value, what)
		}
		out[k.Value] = n.Content[i+1]
	}
	return out, nil
}

// rule reads one rule: name, match and life.
func (p lifecycleParser) rule(n *yaml.Node) (LifecycleRule, error) {
	keys, err := p.mapping(n, "a rule", "name", "match", "life")
	if err != nil {
		return LifecycleRule{}, err
	}
	r := LifecycleRule{Name: scalar(keys["name"]), Match: PodMatch{Percent: 100}}
	if r.Name == "" {
		return r, p.errorf(n, "a rule needs a name")
	}
	if m := keys["match"]; m != nil {
		if r.Match, err = p.match(m); err != nil {
			return r, err
		}
	}
	life := keys["life"]
	if life == nil {
		return r, p.errorf(n, "rule %q has no life: give at least one of %s", r.Name, lifeFieldNames())
	}
	r.notes, err = p.life(life)
	return r, err
}

func (p lifecycleParser) match(n *yaml.Node) (PodMatch, error) {
	m := PodMatch{Percent: 100}
	keys, err := p.mapping(n, "match", "namespaces", "selector", "ownerKind", "percent")
	if err != nil {
		return m, err
	}
	if ns := keys["namespaces"]; ns != nil {
		if err := ns.Decode(&m.Namespaces); err != nil {
			return m, p.errorf(ns, "namespaces must be a list of names")
		}
	}
	if s := keys["selector"]; s != nil {
		if m.Selector, err = labels.Parse(s.Value); err != nil {
			return m, p.errorf(s, "selector %q: %v", s.Value, err)
		}
	}
	if o := keys["ownerKind"]; o != nil {
		if !slices.Contains(ownerKinds, o.Value) {
			return m, p.errorf(o, "ownerKind %q is not one of %s", o.Value, strings.Join(ownerKinds, ", "))
		}
		m.OwnerKind = o.Value
	}
	if pc := keys["percent"]; pc != nil {
		v, err := strconv.ParseFloat(strings.TrimSuffix(pc.Value, "%"), 64)
		if err != nil || !(v > 0 && v <= 100) {
			return m, p.errorf(pc, "percent %q must be a number in (0, 100]", pc.Value)
		}
		m.Percent = v
	}
	return m, nil
}

// life reads a rule's life into the annotations it stands for, each
// checked as the simulator reads it.
func (p lifecycleParser) life(n *yaml.Node) (map[string]string, error) {
	keys, err := p.mapping(n, "life", lifeFieldNames()...)
	if err != nil {
		return nil, err
	}
	notes := map[string]string{}
	for _, f := range lifeFields {
		v, ok := keys[f.field]
		if !ok {
			continue
		}
		if err := checkNote(f.note, v.Value); err != nil {
			return nil, p.errorf(v, "%s %q: %v", f.field, v.Value, err)
		}
		notes[f.note] = v.Value
	}
	if len(notes) == 0 {
		return nil, p.errorf(n, "an empty life: give at least one of %s", lifeFieldNames())
	}
	return notes, nil
}

// checkNote reports a value the simulator would ignore for annotation note.
func checkNote(note, value string) error {
	notes := map[string]string{note: value}
	if note == AnnotationExitCode || note == AnnotationExitReason {
		notes[AnnotationFailAfter] = "0s" // they are read only with it
	}
	if l := lifeOfNotes(notes, false, time.Time{}, 0); len(l.problems) > 0 {
		return l.problems[0].err
	}
	return nil
}

func lifeFieldNames() []string {
	out := make([]string, len(lifeFields))
	for i, f := range lifeFields {
		out[i] = f.field
	}
	return out
}

func scalar(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return n.Value
}
