package kubeconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"k8s.io/client-go/tools/clientcmd"
)

// ErrMalformed is wrapped by errors from Merge and Remove when the existing
// kubeconfig cannot be parsed. Such a file is never overwritten.
var ErrMalformed = errors.New("kubeconfig is malformed")

// fileMode is the permission of every kubeconfig this package writes.
const fileMode fs.FileMode = 0o600

// maxSymlinkHops bounds symlink resolution for dangling links.
const maxSymlinkHops = 40

// malformedError reports an unparseable kubeconfig; it matches both
// ErrMalformed and the underlying parse error.
type malformedError struct {
	path  string
	cause error
	data  []byte // the file's content, for Remove's "does it hold our context" check
}

func (e *malformedError) Error() string {
	return fmt.Sprintf("kubeconfig %q is not valid (%v); fix or move it, then retry", e.path, e.cause)
}

func (e *malformedError) Unwrap() []error { return []error{ErrMalformed, e.cause} }

// loadDocument reads path and returns its content as a document. A missing
// or empty file is an empty document. The content must pass clientcmd.Load,
// otherwise a malformedError is returned.
func loadDocument(path string) (document, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return document{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read kubeconfig %q: %w; check its permissions", path, err)
	}
	return parseValidated(path, data)
}

// parseValidated checks data with client-go's own loader and then decodes it
// generically, so that nothing client-go rejects is ever rewritten.
func parseValidated(path string, data []byte) (document, error) {
	doc, err := decodeDocument(data)
	if err != nil {
		return nil, &malformedError{path: path, cause: err, data: data}
	}
	if len(doc) == 0 {
		return doc, nil
	}
	if err := doc.checkShape(); err != nil {
		return nil, &malformedError{path: path, cause: err, data: data}
	}
	if _, err := clientcmd.Load(data); err != nil {
		return nil, &malformedError{path: path, cause: err, data: data}
	}
	for _, key := range []string{keyClusters, keyUsers, keyContexts} {
		if _, err := doc.list(key); err != nil {
			return nil, &malformedError{path: path, cause: err, data: data}
		}
	}
	return doc, nil
}

// resolveTarget follows symlinks so writes land on the real file instead of
// replacing the link. A missing path (or one under a non-directory) resolves
// to itself; a dangling link resolves to the path it points at.
func resolveTarget(path string) (string, error) {
	for hops := 0; hops < maxSymlinkHops; hops++ {
		real, err := filepath.EvalSymlinks(path)
		if err == nil {
			return real, nil
		}
		if !isMissing(err) {
			return "", fmt.Errorf("resolve kubeconfig path %q: %w; check the path and its symlinks", path, err)
		}
		next, ok := readLink(path)
		if !ok {
			return path, nil
		}
		path = next
	}
	return "", fmt.Errorf("resolve kubeconfig path %q: too many levels of symlinks; fix the link chain", path)
}

// readLink returns the absolute destination of path if path itself is a
// symlink.
func readLink(path string) (string, bool) {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return "", false
	}
	dest, err := os.Readlink(path)
	if err != nil {
		return "", false
	}
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(filepath.Dir(path), dest)
	}
	return dest, true
}

// writeAtomic replaces target with data: it writes a 0600 temp file in the
// same directory, owned like the file it replaces, fsyncs it and renames it
// over target. It refuses a target that exists and is not a regular file
// (symlinks must be resolved first, see resolveTarget).
func writeAtomic(target string, data []byte) (err error) {
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create kubeconfig directory %q: %w; check its permissions", dir, err)
	}
	orig, err := regularOrMissing(target)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temp file next to %q: %w; check that the directory is writable", target, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = matchOwner(tmp, orig); err != nil {
		return fmt.Errorf("give temp kubeconfig %q the owner of %q: %w; run kmctl as the kubeconfig's owner", tmp.Name(), target, err)
	}
	if err = fillFile(tmp, data); err != nil {
		return fmt.Errorf("write temp kubeconfig %q: %w; check free disk space", tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("replace kubeconfig %q: %w; check that the directory is writable", target, err)
	}
	syncDir(dir)
	return nil
}

// fillFile sets the mode, writes data, fsyncs and closes f.
func fillFile(f *os.File, data []byte) error {
	if err := f.Chmod(fileMode); err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// syncDir makes a rename durable where the platform supports it; failures
// are ignored because the data itself is already synced.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
