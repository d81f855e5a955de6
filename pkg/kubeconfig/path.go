package kubeconfig

import (
	"os"
	"path/filepath"
)

// ResolvePath picks the kubeconfig file kmctl should write, the way kind does:
//
//  1. explicit (the --kubeconfig flag) if non-empty;
//  2. else the first entry of $KUBECONFIG (a filepath.ListSeparator list)
//     that exists;
//  3. else, when $KUBECONFIG lists anything, its first entry;
//  4. else $HOME/.kube/config.
//
// The result is absolute (relative paths are taken from the working
// directory), so that it names the same file when saved and used later from
// elsewhere. getEnv and fileExists are injected so the lookup can be tested;
// use ResolvePathFromEnv for the real environment.
func ResolvePath(explicit string, getEnv func(string) string, fileExists func(string) bool) string {
	if explicit != "" {
		return absolute(explicit)
	}
	if p := fromKubeconfigEnv(getEnv("KUBECONFIG"), fileExists); p != "" {
		return absolute(p)
	}
	return absolute(filepath.Join(getEnv("HOME"), ".kube", "config"))
}

// absolute is filepath.Abs(p), or p itself in the rare case that the
// working directory is unknown; callers that save the path must then refuse
// it (the create precheck does).
func absolute(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// ResolvePathFromEnv is ResolvePath using the process environment and the
// real filesystem.
func ResolvePathFromEnv(explicit string) string {
	return ResolvePath(explicit, os.Getenv, fileExists)
}

// fromKubeconfigEnv returns the first existing path of the KUBECONFIG list,
// else its first non-empty entry, else "".
func fromKubeconfigEnv(list string, exists func(string) bool) string {
	var paths []string
	for _, p := range filepath.SplitList(list) {
		if p != "" {
			paths = append(paths, p)
		}
	}
	for _, p := range paths {
		if exists(p) {
			return p
		}
	}
	if len(paths) > 0 {
		return paths[0]
	}
	return ""
}

// fileExists reports whether path names something stat can see.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
