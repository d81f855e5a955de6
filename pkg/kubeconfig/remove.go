package kubeconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Remove deletes the context named context from the kubeconfig at path,
// together with the clusters and users named context and the cluster and
// user that context referenced (unless another remaining context still uses
// them). current-context is cleared only if it equals context. A missing
// file or absent entries mean there is nothing to do and return nil; the
// file is rewritten only when something changed. Like Merge, it never
// overwrites a file that does not parse (ErrMalformed), writes atomically
// with mode 0600, follows symlinks and holds "<path>.lock" while editing.
func Remove(path, context string) error {
	if context == "" {
		return errors.New("remove kubeconfig entry: context name is empty; pass the cluster's context name")
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("stat kubeconfig %q: %w; check its permissions", path, err)
	}
	return editLocked(path, func(doc document) (bool, error) {
		return removeContext(doc, context)
	})
}

// removeContext drops the entries belonging to name from doc and reports
// whether anything changed.
func removeContext(doc document, name string) (bool, error) {
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
		doc[keyCurrent] = ""
		changed = true
	}
	return changed, nil
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
