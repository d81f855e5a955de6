package kubeconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"sigs.k8s.io/yaml"
)

// Top-level kubeconfig keys this package edits.
const (
	keyClusters = "clusters"
	keyUsers    = "users"
	keyContexts = "contexts"
	keyCurrent  = "current-context"
)

// document is a kubeconfig held generically so that fields this package does
// not know about (extensions, preferences, exec plugins, future fields)
// survive a read-modify-write cycle untouched.
type document map[string]interface{}

// useNumber keeps numbers as json.Number so large integers are not rounded
// through float64.
func useNumber(d *json.Decoder) *json.Decoder {
	d.UseNumber()
	return d
}

// decodeDocument parses YAML or JSON into a document. Empty input (or a
// null document) yields an empty document.
func decodeDocument(data []byte) (document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return document{}, nil
	}
	var v interface{}
	if err := yaml.Unmarshal(data, &v, useNumber); err != nil {
		return nil, err
	}
	if v == nil {
		return document{}, nil
	}
	m, ok := v.(map[string]interface{})
	if !ok {
		return nil, fmt.Errorf("top level is %s, not a mapping", describe(v))
	}
	return document(m), nil
}

// knownKeys are the top-level keys of a kubeconfig.
var knownKeys = []string{"apiVersion", "kind", keyClusters, keyUsers, keyContexts, keyCurrent, "preferences", "extensions"}

// checkShape rejects documents that parse but are clearly not a kubeconfig
// (such as a stray YAML file passed with --kubeconfig), so they are not
// silently extended with kubeconfig entries.
func (d document) checkShape() error {
	if len(d) == 0 {
		return nil
	}
	if kind, ok := d["kind"]; ok && kind != nil && kind != "" && kind != "Config" {
		return fmt.Errorf("kind is %v, not Config", kind)
	}
	for _, k := range knownKeys {
		if _, ok := d[k]; ok {
			return nil
		}
	}
	return errors.New("no kubeconfig keys (clusters, users, contexts, ...) found")
}

// encode renders the document as YAML.
func (d document) encode() ([]byte, error) {
	return yaml.Marshal(map[string]interface{}(d))
}

// list returns the named-entry list stored under key; absent or null is an
// empty list, anything but a list is an error.
func (d document) list(key string) ([]interface{}, error) {
	v, ok := d[key]
	if !ok || v == nil {
		return nil, nil
	}
	l, ok := v.([]interface{})
	if !ok {
		return nil, fmt.Errorf("%q is %s, not a list", key, describe(v))
	}
	return l, nil
}

// currentContext returns the current-context value, or "" if unset.
func (d document) currentContext() string {
	s, _ := d[keyCurrent].(string)
	return s
}

// ensureHeader fills in apiVersion and kind when the document lacks them.
func (d document) ensureHeader() {
	if _, ok := d["apiVersion"]; !ok {
		d["apiVersion"] = "v1"
	}
	if _, ok := d["kind"]; !ok {
		d["kind"] = "Config"
	}
}

// itemName returns the "name" of a named entry, or "" if it has none.
func itemName(item interface{}) string {
	m, ok := item.(map[string]interface{})
	if !ok {
		return ""
	}
	s, _ := m["name"].(string)
	return s
}

// findNamed returns the first entry of list called name, or nil.
func findNamed(list []interface{}, name string) interface{} {
	for _, item := range list {
		if itemName(item) == name {
			return item
		}
	}
	return nil
}

// upsertNamed replaces the first entry named like item in place, drops any
// later duplicates of that name, and appends item if none existed.
func upsertNamed(list []interface{}, item interface{}) []interface{} {
	name := itemName(item)
	out := make([]interface{}, 0, len(list)+1)
	placed := false
	for _, cur := range list {
		if itemName(cur) != name {
			out = append(out, cur)
			continue
		}
		if !placed {
			out = append(out, item)
			placed = true
		}
	}
	if !placed {
		out = append(out, item)
	}
	return out
}

// removeNamed drops every entry whose name is in names and reports whether
// anything was dropped. Entries without a name are always kept.
func removeNamed(list []interface{}, names map[string]bool) ([]interface{}, bool) {
	out := make([]interface{}, 0, len(list))
	for _, item := range list {
		if n := itemName(item); n != "" && names[n] {
			continue
		}
		out = append(out, item)
	}
	return out, len(out) != len(list)
}

// contextRefs returns the cluster and user a context entry points at.
func contextRefs(item interface{}) (cluster, user string) {
	m, _ := item.(map[string]interface{})
	ctx, _ := m["context"].(map[string]interface{})
	cluster, _ = ctx["cluster"].(string)
	user, _ = ctx["user"].(string)
	return cluster, user
}

// referencedBy reports whether any context in contexts uses name as its
// cluster (field "cluster") or user (field "user").
func referencedBy(contexts []interface{}, field, name string) bool {
	for _, item := range contexts {
		cluster, user := contextRefs(item)
		if (field == "cluster" && cluster == name) || (field == "user" && user == name) {
			return true
		}
	}
	return false
}

// describe names the YAML kind of a decoded value for error messages.
func describe(v interface{}) string {
	switch v.(type) {
	case map[string]interface{}:
		return "a mapping"
	case []interface{}:
		return "a list"
	case string:
		return "a string"
	case nil:
		return "null"
	default:
		return fmt.Sprintf("a scalar (%T)", v)
	}
}
