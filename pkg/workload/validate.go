package workload

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
)

// validate checks what decoding cannot: required fields, values, names,
// pairs of ops, thresholds against ops, and that the pods fit the nodes.
func (p *parser) validate(w *Workload, opsNode *yaml.Node) error {
	names := map[string]bool{}
	measured := map[string]bool{}
	collecting := false
	for i, op := range w.Ops {
		at := opsNode.Content[i]
		if err := checkOp(op); err != nil {
			return p.errorf(at, "%s %q: %v", op.Op, w.OpName(i), err)
		}
		name := w.OpName(i)
		if names[name] {
			return p.errorf(at, "two ops are named %q; names label results and must differ", name)
		}
		names[name] = true
		switch op.Op {
		case OpStartCollecting:
			if collecting {
				return p.errorf(at, "startCollectingMetrics while metrics are already collected; stop them first")
			}
			collecting = true
			measured[name] = true
		case OpStopCollecting:
			if !collecting {
				return p.errorf(at, "stopCollectingMetrics without a startCollectingMetrics before it")
			}
			collecting = false
		}
		if op.CollectMetrics {
			if collecting {
				return p.errorf(at, "collectMetrics inside a startCollectingMetrics span: it is measured already")
			}
			measured[name] = true
		}
	}
	if len(measured) == 0 {
		return p.errorf(opsNode, "no op measures anything: set collectMetrics: true on an op, or put startCollectingMetrics and stopCollectingMetrics around some")
	}
	for _, th := range w.Thresholds {
		if th.Op != "" && !measured[th.Op] {
			return p.errorf(nil, "threshold on op %q: no measured op has that name", th.Op)
		}
	}
	return p.checkCapacity(w, opsNode)
}

// checkOp checks one op's own fields.
func checkOp(op Op) error {
	switch op.Op {
	case OpCreateNodes, OpCreatePods:
		if op.Count <= 0 {
			return fmt.Errorf("count must be more than 0, got %d", op.Count)
		}
	case OpChurn:
		if err := checkChurn(op); err != nil {
			return err
		}
	case OpCreateAny:
		if (op.File == "") == (op.Manifest == "") {
			return fmt.Errorf("give exactly one of file or manifest")
		}
	case OpBarrier:
		if !contains([]string{UntilScheduled, UntilRunning, UntilDeleted}, op.Until) {
			return fmt.Errorf("until must be scheduled, running or deleted, got %q", op.Until)
		}
	case OpStopComponent, OpStartComponent:
		if !contains(stoppable, op.Component) {
			return fmt.Errorf("component must be one of %s, got %q", strings.Join(stoppable, ", "), op.Component)
		}
	case OpSleep:
		if op.Duration.Duration < 0 || (op.Duration.Duration == 0 && op.CollectMetrics) {
			return fmt.Errorf("duration must be positive, e.g. 30s (0 only for a sleep that measures nothing)")
		}
	}
	if op.Wait != "" && !contains([]string{UntilScheduled, UntilRunning, "none"}, op.Wait) {
		return fmt.Errorf("wait must be scheduled, running or none, got %q", op.Wait)
	}
	if op.Template != "" && op.TemplateText != "" {
		return fmt.Errorf("give template or templateText, not both")
	}
	if op.Rate < 0 || op.Zones < 0 || op.Pods < 0 || op.GPU < 0 || op.Writers < 0 {
		return fmt.Errorf("rate, zones, pods, gpu and writers must be 0 or more")
	}
	return checkValues(op)
}

func checkChurn(op Op) error {
	switch {
	case op.Mode != ChurnRecreate && op.Mode != ChurnCreate:
		return fmt.Errorf("mode must be recreate or create, got %q", op.Mode)
	case op.Count <= 0:
		return fmt.Errorf("count (pods per interval) must be more than 0")
	case op.Interval.Duration <= 0 || op.Duration.Duration <= 0:
		return fmt.Errorf("interval and duration must be positive, e.g. interval: 1s, duration: 2m")
	}
	return nil
}

// checkValues checks names, quantities, taints and selectors.
func checkValues(op Op) error {
	for field, v := range map[string]string{"name": op.Name, "prefix": op.Prefix, "namespace": op.Namespace} {
		if v != "" && field != "name" {
			if errs := validation.IsDNS1123Label(v); len(errs) > 0 {
				return fmt.Errorf("%s %q: %s", field, v, errs[0])
			}
		}
	}
	if op.Name != "" {
		if errs := validation.IsDNS1123Label(strings.ToLower(op.Name)); len(errs) > 0 {
			return fmt.Errorf("name %q: %s (it prefixes object names)", op.Name, errs[0])
		}
	}
	for field, q := range map[string]string{"cpu": op.CPU, "memory": op.Memory, "ephemeralStorage": op.EphemeralStorage} {
		if q == "" {
			continue
		}
		if _, err := resource.ParseQuantity(q); err != nil {
			return fmt.Errorf("%s %q is not a quantity (e.g. 100m, 4, 128Mi)", field, q)
		}
	}
	for name, q := range op.Resources {
		if _, err := resource.ParseQuantity(q); err != nil {
			return fmt.Errorf("resources[%s] %q is not a quantity", name, q)
		}
	}
	for _, t := range op.Taints {
		if err := checkTaint(t); err != nil {
			return err
		}
	}
	if _, err := labels.Parse(op.LabelSelector); err != nil {
		return fmt.Errorf("labelSelector %q: %v", op.LabelSelector, err)
	}
	return nil
}

// checkTaint checks key[=value]:Effect.
func checkTaint(t string) error {
	kv, effect, ok := strings.Cut(t, ":")
	if !ok || !contains([]string{"NoSchedule", "PreferNoSchedule", "NoExecute"}, effect) {
		return fmt.Errorf("taint %q: want key=value:Effect with Effect NoSchedule, PreferNoSchedule or NoExecute", t)
	}
	key, _, _ := strings.Cut(kv, "=")
	if errs := validation.IsQualifiedName(key); len(errs) > 0 {
		return fmt.Errorf("taint %q: key %s", t, errs[0])
	}
	return nil
}
