// Package schedconfig writes the kube-scheduler's KubeSchedulerConfiguration:
// the user's file, if any, with the fields kmctl owns applied on top.
package schedconfig

import (
	"fmt"

	schedv1 "k8s.io/kube-scheduler/config/v1"
	"sigs.k8s.io/yaml"
)

// APIVersion and Kind are the only type a user's scheduler config may have.
const (
	APIVersion = "kubescheduler.config.k8s.io/v1"
	Kind       = "KubeSchedulerConfiguration"
)

// Options are the fields kmctl owns. Zero values leave the user's setting alone,
// except Kubeconfig, which is always written.
type Options struct {
	// Kubeconfig is clientConnection.kubeconfig.
	Kubeconfig string
	// QPS and Burst are clientConnection.qps and .burst.
	QPS   float32
	Burst int32
	// PercentageOfNodesToScore is the top-level percentageOfNodesToScore.
	PercentageOfNodesToScore *int32
	// Parallelism is the top-level parallelism.
	Parallelism *int32
	// Debug turns on enableProfiling and enableContentionProfiling.
	Debug bool
}

// Patch returns the configuration to write: base (a user's file, or empty for
// the defaults) with opts applied. Fields kmctl does not own are kept as written.
// source names the file in errors.
func Patch(base []byte, source string, opts Options) ([]byte, error) {
	doc, err := parse(base, source)
	if err != nil {
		return nil, err
	}
	apply(doc, opts)
	out, err := yaml.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("failed to encode the scheduler config: %w", err)
	}
	if err := validate(out, "the patched scheduler config"); err != nil {
		return nil, err
	}
	return out, nil
}

// Validate checks that data is a KubeSchedulerConfiguration v1 kmctl can patch.
func Validate(data []byte, source string) error {
	_, err := parse(data, source)
	return err
}

func parse(data []byte, source string) (map[string]any, error) {
	doc := map[string]any{}
	if len(data) > 0 {
		if err := yaml.Unmarshal(data, &doc); err != nil {
			var anything any
			if yaml.Unmarshal(data, &anything) == nil {
				return nil, fmt.Errorf("scheduler config %s is %s, not a mapping; it must be one %s document", source, yamlKind(anything), Kind)
			}
			return nil, fmt.Errorf("scheduler config %s is not valid YAML: %w", source, err)
		}
		if doc == nil {
			doc = map[string]any{}
		}
	}
	if len(doc) == 0 {
		doc = map[string]any{"apiVersion": APIVersion, "kind": Kind}
	}
	if doc["apiVersion"] != APIVersion || doc["kind"] != Kind {
		return nil, fmt.Errorf("scheduler config %s has apiVersion %v and kind %v; want apiVersion %s and kind %s",
			source, doc["apiVersion"], doc["kind"], APIVersion, Kind)
	}
	if len(data) > 0 {
		if err := validate(data, source); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// yamlKind names what a YAML document that is not a mapping holds.
func yamlKind(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}

func validate(data []byte, source string) error {
	var typed schedv1.KubeSchedulerConfiguration
	if err := yaml.UnmarshalStrict(data, &typed); err != nil {
		return fmt.Errorf("scheduler config %s does not match %s: %w", source, Kind, err)
	}
	return nil
}

func apply(doc map[string]any, o Options) {
	conn := child(doc, "clientConnection")
	conn["kubeconfig"] = o.Kubeconfig
	if o.QPS > 0 {
		conn["qps"] = o.QPS
	}
	if o.Burst > 0 {
		conn["burst"] = o.Burst
	}
	if o.PercentageOfNodesToScore != nil {
		doc["percentageOfNodesToScore"] = *o.PercentageOfNodesToScore
	}
	if o.Parallelism != nil {
		doc["parallelism"] = *o.Parallelism
	}
	if o.Debug {
		doc["enableProfiling"] = true
		doc["enableContentionProfiling"] = true
	}
	election := child(doc, "leaderElection")
	if _, set := election["leaderElect"]; !set {
		election["leaderElect"] = false
	}
}

// child returns doc[key] as a map, creating it when absent or not a map.
func child(doc map[string]any, key string) map[string]any {
	if m, ok := doc[key].(map[string]any); ok {
		return m
	}
	m := map[string]any{}
	doc[key] = m
	return m
}
