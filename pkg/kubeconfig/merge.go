package kubeconfig

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"k8s.io/client-go/tools/clientcmd"
)

// entrySet is the cluster, user and context taken from a Build result.
type entrySet struct {
	context string
	cluster interface{}
	user    interface{}
	ctx     interface{}
}

// Merge inserts or replaces, by name, the cluster, user and context of entry
// (a kubeconfig produced by Build) in the kubeconfig at path, and makes that
// context current. It returns the current-context the file had before, ""
// when it had none or it already was entry's context; pass it to Remove to
// restore it. Everything else in the file is kept. The file and its parent
// directory (0700) are created when missing; an existing file that does not
// parse is left untouched and an error wrapping ErrMalformed is returned, and
// a path that is not a regular file (ErrNotRegular) is never written. The
// write is atomic, yields mode 0600 and the owner of the file it replaces,
// follows symlinks and is serialized with other writers through
// "<path>.lock". Check runs the same checks without writing.
func Merge(path string, entry []byte) (previous string, err error) {
	set, err := parseEntry(entry)
	if err != nil {
		return "", err
	}
	if _, _, err := statTarget(path); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("create kubeconfig directory %q: %w; check its permissions", filepath.Dir(path), err)
	}
	err = editLocked(path, func(doc document) (bool, error) {
		if cur := doc.currentContext(); cur != set.context {
			previous = cur
		}
		return true, applyEntry(doc, set)
	}, nil)
	if err != nil {
		return "", err
	}
	return previous, nil
}

// parseEntry extracts the current context of entry together with the
// cluster and user it references.
func parseEntry(entry []byte) (entrySet, error) {
	if _, err := clientcmd.Load(entry); err != nil {
		return entrySet{}, fmt.Errorf("kubeconfig entry to merge is not valid (%w); build it with kubeconfig.Build", err)
	}
	doc, err := decodeDocument(entry)
	if err != nil {
		return entrySet{}, fmt.Errorf("kubeconfig entry to merge is not valid (%w); build it with kubeconfig.Build", err)
	}
	set := entrySet{context: doc.currentContext()}
	if set.context == "" {
		return entrySet{}, errors.New("kubeconfig entry to merge has no current-context; build it with kubeconfig.Build")
	}
	contexts, _ := doc.list(keyContexts)
	clusters, _ := doc.list(keyClusters)
	users, _ := doc.list(keyUsers)
	set.ctx = findNamed(contexts, set.context)
	clusterName, userName := contextRefs(set.ctx)
	set.cluster = findNamed(clusters, clusterName)
	set.user = findNamed(users, userName)
	if set.ctx == nil || set.cluster == nil || set.user == nil {
		return entrySet{}, fmt.Errorf("kubeconfig entry for context %q lacks its context, cluster or user; build it with kubeconfig.Build", set.context)
	}
	return set, nil
}

// applyEntry upserts set into doc and points current-context at it.
func applyEntry(doc document, set entrySet) error {
	parts := []struct {
		key  string
		item interface{}
	}{
		{keyClusters, set.cluster},
		{keyUsers, set.user},
		{keyContexts, set.ctx},
	}
	for _, p := range parts {
		list, err := doc.list(p.key)
		if err != nil {
			return err
		}
		doc[p.key] = upsertNamed(list, p.item)
	}
	doc[keyCurrent] = set.context
	doc.ensureHeader()
	return nil
}

// editLocked runs edit on the document at path while holding the lock, and
// writes the result back atomically if edit reports a change. A target that
// is not a regular file or does not parse is an error, unless tolerate
// (when not nil) accepts that error: then there is nothing to do.
func editLocked(path string, edit func(document) (bool, error), tolerate func(error) bool) error {
	release, err := acquireLock(path)
	if err != nil {
		return err
	}
	defer release()
	target, _, err := statTarget(path)
	if err != nil {
		return tolerated(err, tolerate)
	}
	doc, err := loadDocument(target)
	if err != nil {
		return tolerated(err, tolerate)
	}
	changed, err := edit(doc)
	if err != nil || !changed {
		return err
	}
	return saveDocument(target, doc)
}

// tolerated returns nil when tolerate accepts err, else err.
func tolerated(err error, tolerate func(error) bool) error {
	if tolerate != nil && tolerate(err) {
		return nil
	}
	return err
}

// saveDocument encodes doc, re-checks that client-go accepts it and writes
// it atomically to target.
func saveDocument(target string, doc document) error {
	data, err := doc.encode()
	if err != nil {
		return fmt.Errorf("encode kubeconfig %q: %w; this is a kmctl bug, please report it", target, err)
	}
	if _, err := clientcmd.Load(data); err != nil {
		return fmt.Errorf("refusing to write kubeconfig %q, result would not parse (%w); this is a kmctl bug, please report it", target, err)
	}
	return writeAtomic(target, data)
}
