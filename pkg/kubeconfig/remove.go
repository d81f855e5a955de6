package kubeconfig

import (
	"bytes"
	"errors"
	"strings"

	"sigs.k8s.io/yaml"
)

// Remove deletes the context named context from the kubeconfig at path,
// together with the clusters and users named context and the cluster and
// user that context referenced (unless another remaining context still uses
// them). When context is current, current-context becomes previous (what
// Merge returned) if a context of that name remains, else "".
//
// There is nothing to do, and nil is returned, when the file cannot hold
// context: it is missing, its path cannot exist (a parent is a file), it is
// not a regular file, or it does not parse and does not mention context. A
// file that does not parse but mentions context is never rewritten
// (ErrMalformed): the user must fix it. The file is rewritten only when
// something changed; like Merge, Remove writes atomically with mode 0600
// and the file's owner, follows symlinks and holds "<path>.lock" while
// editing.
func Remove(path, context, previous string) error {
	if context == "" {
		return errors.New("remove kubeconfig entry: context name is empty; pass the cluster's context name")
	}
	tolerate := func(err error) bool { return cannotHold(err, context) }
	_, fi, err := statTarget(path)
	if err != nil {
		return tolerated(err, tolerate)
	}
	if fi == nil {
		return nil // missing, or under a file: nothing to remove
	}
	return editLocked(path, func(doc document) (bool, error) {
		return removeContext(doc, context, previous)
	}, tolerate)
}

// cannotHold reports whether err, met while reading a kubeconfig, shows
// that the file cannot hold context: it is not a regular file, or it does
// not parse and does not mention context.
func cannotHold(err error, context string) bool {
	if errors.Is(err, ErrNotRegular) {
		return true
	}
	var malformed *malformedError
	return errors.As(err, &malformed) && !mentions(malformed.data, context)
}

// mentions reports whether data names context anywhere: in its raw text or,
// when it is YAML that client-go still rejects, in any key or value once
// quoting and escapes are undone.
func mentions(data []byte, context string) bool {
	if bytes.Contains(data, []byte(context)) {
		return true
	}
	var v interface{}
	if err := yaml.Unmarshal(data, &v); err != nil {
		return false
	}
	return containsString(v, context)
}

// containsString reports whether s occurs in any string, key or value, of
// the decoded YAML value v.
func containsString(v interface{}, s string) bool {
	switch t := v.(type) {
	case string:
		return strings.Contains(t, s)
	case map[string]interface{}:
		for k, x := range t {
			if strings.Contains(k, s) || containsString(x, s) {
				return true
			}
		}
	case []interface{}:
		for _, x := range t {
			if containsString(x, s) {
				return true
			}
		}
	}
	return false
}

// removeContext drops the entries belonging to name from doc, restores
// previous as current-context if name was current, and reports whether
// anything changed.
func removeContext(doc document, name, previous string) (bool, error) {
	contexts, err := doc.list(keyContexts)
	if err != nil {
		return false, err
	}
	clusterRef, userRef := contextRefs(findNamed(contexts, name))
	contexts, changed := removeNamed(contexts, map[string]bool{name: true})
	if changed {
		doc[keyContexts] = contexts
	}
	for _, p := range []struct{ key, ref, field string }{
		{keyClusters, clusterRef, "cluster"},
		{keyUsers, userRef, "user"},
	} {
		dropped, err := removeFromList(doc, p.key, orphanNames(name, p.ref, contexts, p.field))
		if err != nil {
			return false, err
		}
		changed = changed || dropped
	}
	if doc.currentContext() == name {
		doc[keyCurrent] = restorable(previous, contexts)
		changed = true
	}
	return changed, nil
}

// restorable returns previous when a context of that name remains, else "".
func restorable(previous string, remaining []interface{}) string {
	if previous != "" && findNamed(remaining, previous) != nil {
		return previous
	}
	return ""
}

// orphanNames lists the entry names to delete: name itself, plus ref when
// no remaining context refers to it through field.
func orphanNames(name, ref string, remaining []interface{}, field string) map[string]bool {
	names := map[string]bool{name: true}
	if ref != "" && !referencedBy(remaining, field, ref) {
		names[ref] = true
	}
	return names
}

// removeFromList drops entries named in names from doc[key] and reports
// whether anything was dropped.
func removeFromList(doc document, key string, names map[string]bool) (bool, error) {
	list, err := doc.list(key)
	if err != nil {
		return false, err
	}
	list, changed := removeNamed(list, names)
	if changed {
		doc[key] = list
	}
	return changed, nil
}
