package workload

import (
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// OpName is op i's name: its own, else "<op>-<index>".
func (w *Workload) OpName(i int) string {
	if n := w.Ops[i].Name; n != "" {
		return n
	}
	return fmt.Sprintf("%s-%d", w.Ops[i].Op, i)
}

// ops decodes the op list, each op checked against the fields its kind takes.
func (p *parser) ops(n *yaml.Node) ([]Op, error) {
	if n == nil || n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return nil, p.errorf(n, "ops must be a list of at least one op")
	}
	out := make([]Op, 0, len(n.Content))
	for _, item := range n.Content {
		op, err := p.op(item)
		if err != nil {
			return nil, err
		}
		out = append(out, op)
	}
	return out, nil
}

func (p *parser) op(n *yaml.Node) (Op, error) {
	if n.Kind != yaml.MappingNode {
		return Op{}, p.errorf(n, "an op must be a mapping with an op: field")
	}
	kind := ""
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "op" {
			kind = n.Content[i+1].Value
		}
	}
	if _, ok := opFields[kind]; !ok {
		if kind == "" {
			return Op{}, p.errorf(n, "an op without op:; one of %s", strings.Join(opKinds, ", "))
		}
		return Op{}, p.errorf(n, "unknown op %q; the ops are %s", kind, strings.Join(opKinds, ", "))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !takes(kind, k.Value) {
			return Op{}, p.errorf(k, "%s takes no field %q; it takes %s", kind, k.Value, strings.Join(append(append([]string{}, common...), opFields[kind]...), ", "))
		}
	}
	var op Op
	if err := p.decodeStrict(n, kind, &op); err != nil {
		return Op{}, err
	}
	op.Line = n.Line
	return op, nil
}

// thresholds decodes the thresholds.
func (p *parser) thresholds(n *yaml.Node) ([]Threshold, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, p.errorf(n, "thresholds must be a list")
	}
	var out []Threshold
	for _, item := range n.Content {
		var th Threshold
		if err := p.decodeStrict(item, "threshold", &th); err != nil {
			return nil, err
		}
		if err := checkThreshold(th); err != nil {
			return nil, p.errorf(item, "%v", err)
		}
		out = append(out, th)
	}
	return out, nil
}

func checkThreshold(th Threshold) error {
	if !contains(thresholdMetrics, th.Metric) {
		return fmt.Errorf("threshold metric %q: one of %s", th.Metric, strings.Join(thresholdMetrics, ", "))
	}
	stats := latencyStats
	if th.Metric == "SchedulingThroughput" {
		stats = throughputStats
	}
	if !contains(stats, th.Stat) {
		return fmt.Errorf("threshold stat %q for %s: one of %s", th.Stat, th.Metric, strings.Join(stats, ", "))
	}
	if th.Min == nil && th.Max == nil {
		return errors.New("a threshold needs min or max")
	}
	return nil
}

// asType is errors.As for the decoding error types.
func asType[T error](err error, target *T) bool { return errors.As(err, target) }
