package scale

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
)

// validateCommon checks the options both commands share and fills the default prefix.
func (o *Options) validateCommon(defaultPrefix string) error {
	if o.Replicas < 0 {
		return fmt.Errorf("--replicas must be 0 or more, got %d", o.Replicas)
	}
	if o.Prefix == "" {
		o.Prefix = defaultPrefix
	}
	if errs := validation.IsDNS1123Label(o.Prefix); len(errs) > 0 || len(o.Prefix) > 50 {
		return fmt.Errorf("--prefix %q is not valid: use at most 50 lower-case letters, digits and '-', starting and ending with a letter or digit", o.Prefix)
	}
	if o.Parallel < 1 {
		return fmt.Errorf("--parallel must be at least 1, got %d", o.Parallel)
	}
	if o.Timeout <= 0 {
		return fmt.Errorf("--timeout must be positive, got %s", o.Timeout)
	}
	return nil
}

// splitPair splits k=v; the value may be empty but the '=' is required.
func splitPair(flag, item string) (string, string, error) {
	k, v, ok := strings.Cut(item, "=")
	if !ok || k == "" {
		return "", "", fmt.Errorf("%s %q is not key=value", flag, item)
	}
	return k, v, nil
}

// parseLabels parses k=v label pairs (also used for node selectors).
func parseLabels(flag string, items []string) (map[string]string, error) {
	out := map[string]string{}
	for _, item := range items {
		k, v, err := splitPair(flag, item)
		if err != nil {
			return nil, err
		}
		if errs := validation.IsQualifiedName(k); len(errs) > 0 {
			return nil, fmt.Errorf("%s %q: key %q is not a valid label key: %s", flag, item, k, strings.Join(errs, "; "))
		}
		if errs := validation.IsValidLabelValue(v); len(errs) > 0 {
			return nil, fmt.Errorf("%s %q: value %q is not a valid label value: %s", flag, item, v, strings.Join(errs, "; "))
		}
		if k == LabelManaged || k == LabelScale {
			return nil, fmt.Errorf("%s %q: kmctl sets %s itself; use --prefix to group objects", flag, item, k)
		}
		out[k] = v
	}
	return out, nil
}

// parseAnnotations parses k=v annotation pairs; values are free text.
func parseAnnotations(items []string) (map[string]string, error) {
	out := map[string]string{}
	for _, item := range items {
		k, v, err := splitPair("--annotation", item)
		if err != nil {
			return nil, err
		}
		if errs := validation.IsQualifiedName(k); len(errs) > 0 {
			return nil, fmt.Errorf("--annotation %q: key %q is not valid: %s", item, k, strings.Join(errs, "; "))
		}
		if k == AnnotationCapacity {
			return nil, fmt.Errorf("--annotation %q: kmctl sets %s from the template's status.capacity", item, k)
		}
		out[k] = v
	}
	return out, nil
}

var taintEffects = []corev1.TaintEffect{corev1.TaintEffectNoSchedule, corev1.TaintEffectPreferNoSchedule, corev1.TaintEffectNoExecute}

// parseTaints parses key=value:Effect or key:Effect, as kubectl taint does.
func parseTaints(items []string) ([]corev1.Taint, error) {
	var out []corev1.Taint
	seen := map[string]bool{}
	for _, item := range items {
		t, err := parseTaint(item)
		if err != nil {
			return nil, err
		}
		id := t.Key + ":" + string(t.Effect)
		if seen[id] {
			return nil, fmt.Errorf("--taint %q repeats key %s with effect %s; give each key and effect once", item, t.Key, t.Effect)
		}
		seen[id] = true
		out = append(out, t)
	}
	return out, nil
}

func parseTaint(item string) (corev1.Taint, error) {
	kv, effect, ok := strings.Cut(item, ":")
	if !ok {
		return corev1.Taint{}, fmt.Errorf("--taint %q has no effect; write key=value:NoSchedule (or PreferNoSchedule, NoExecute)", item)
	}
	k, v, _ := strings.Cut(kv, "=")
	if errs := validation.IsQualifiedName(k); len(errs) > 0 {
		return corev1.Taint{}, fmt.Errorf("--taint %q: key %q is not valid: %s", item, k, strings.Join(errs, "; "))
	}
	if errs := validation.IsValidLabelValue(v); len(errs) > 0 {
		return corev1.Taint{}, fmt.Errorf("--taint %q: value %q is not valid: %s", item, v, strings.Join(errs, "; "))
	}
	for _, e := range taintEffects {
		if string(e) == effect {
			return corev1.Taint{Key: k, Value: v, Effect: e}, nil
		}
	}
	return corev1.Taint{}, fmt.Errorf("--taint %q: effect %q is not one of NoSchedule, PreferNoSchedule, NoExecute", item, effect)
}

// parseQuantity checks a non-negative quantity such as 100m, 32 or 256Gi; empty is allowed.
func parseQuantity(flag, s string) error {
	if s == "" {
		return nil
	}
	q, err := resource.ParseQuantity(s)
	if err != nil {
		return fmt.Errorf("%s %q is not a quantity; write it like 100m, 32, 128Mi or 1Ti", flag, s)
	}
	if q.Sign() < 0 {
		return fmt.Errorf("%s %q must not be negative", flag, s)
	}
	return nil
}

// nodeFlags and podFlags name the resources set by their own flag, not by --resource.
var (
	nodeFlags = map[string]string{
		"cpu": "--cpu", "memory": "--memory", "ephemeral-storage": "--ephemeral-storage",
		"pods": "--pods", "nvidia.com/gpu": "--gpu",
	}
	podFlags = map[string]string{"cpu": "--cpu", "memory": "--memory", "nvidia.com/gpu": "--gpu"}
)

// parseResources parses --resource name=quantity pairs. Un-prefixed names
// must be cpu, memory, ephemeral-storage, pods (nodes only) or hugepages-<size>;
// other names need a domain, like example.com/fpga, and a whole quantity.
func parseResources(items []string, forNodes bool) (map[string]string, error) {
	own := podFlags
	if forNodes {
		own = nodeFlags
	}
	out := map[string]string{}
	for _, item := range items {
		k, v, err := splitPair("--resource", item)
		if err != nil {
			return nil, err
		}
		if err := validateResourceName(k, forNodes); err != nil {
			return nil, fmt.Errorf("--resource %q: %w", item, err)
		}
		if flag, ok := own[k]; ok {
			return nil, fmt.Errorf("--resource %q: use %s for %s", item, flag, k)
		}
		if v == "" {
			return nil, fmt.Errorf("--resource %q has no quantity; write name=quantity", item)
		}
		if err := parseQuantity("--resource "+k, v); err != nil {
			return nil, err
		}
		if q := resource.MustParse(v); strings.Contains(k, "/") && q.MilliValue()%1000 != 0 {
			return nil, fmt.Errorf("--resource %q: extended resources must be whole numbers", item)
		}
		out[k] = v
	}
	return out, nil
}

func validateResourceName(name string, forNodes bool) error {
	if !strings.Contains(name, "/") {
		return validateNativeName(name, forNodes)
	}
	if errs := validation.IsQualifiedName(name); len(errs) > 0 {
		return fmt.Errorf("resource name %q is not valid: %s", name, strings.Join(errs, "; "))
	}
	domain, _, _ := strings.Cut(name, "/")
	if domain == "kubernetes.io" || strings.HasSuffix(domain, ".kubernetes.io") {
		return fmt.Errorf("resource name %q is in the reserved kubernetes.io domain; use your own, like example.com/%s", name, name[len(domain)+1:])
	}
	return nil
}

func validateNativeName(name string, forNodes bool) error {
	switch {
	case name == "cpu" || name == "memory" || name == "ephemeral-storage":
		return nil
	case name == "pods" && forNodes:
		return nil
	case strings.HasPrefix(name, "hugepages-"):
		size := strings.TrimPrefix(name, "hugepages-")
		if q, err := resource.ParseQuantity(size); err != nil || q.Sign() <= 0 {
			return fmt.Errorf("resource name %q needs a page size, like hugepages-2Mi or hugepages-1Gi", name)
		}
		return nil
	}
	return fmt.Errorf("resource name %q is not a known resource; un-prefixed names are cpu, memory, ephemeral-storage, pods and hugepages-<size>, others need a domain like example.com/%s", name, name)
}
