// Package cluster is a kmctl cluster as a value: its config and work dir on
// disk, and create, start, stop, status and delete in the right order.
package cluster

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// DefaultName is the cluster name when none is given.
const DefaultName = "kmctl"

// ContextPrefix prefixes cluster names in kubeconfig contexts.
const ContextPrefix = "kmctl-"

// ContextName is the kubeconfig context (and cluster and user) of a cluster.
func ContextName(name string) string { return ContextPrefix + name }

// Home returns kmctl's state dir: $KMCTL_HOME, else ~/.kmctl, made absolute
// against the current directory. Components run in their work dir, so every
// path kmctl derives from Home and hands them must be absolute.
func Home(getEnv func(string) string) string {
	home := getEnv("KMCTL_HOME")
	if home == "" {
		userHome := getEnv("HOME")
		if userHome == "" {
			userHome, _ = os.UserHomeDir()
		}
		home = filepath.Join(userHome, ".kmctl")
	}
	if abs, err := filepath.Abs(home); err == nil {
		return abs
	}
	return home // no current directory: keep the path, nothing better to do
}

var validName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$`)

// ValidateName checks a cluster name: lower-case letters, digits and dashes, at most 40.
func ValidateName(name string) error {
	if !validName.MatchString(name) {
		return fmt.Errorf("invalid cluster name %q: use 1-40 lower-case letters, digits and '-', starting and ending with a letter or digit", name)
	}
	return nil
}

// Dir is the work dir of the named cluster.
func Dir(home, name string) string { return filepath.Join(home, "clusters", name) }

// List returns the names of the clusters under home, sorted.
func List(home string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(home, "clusters"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// ErrNotFound is returned for a cluster that does not exist.
var ErrNotFound = errors.New("cluster not found")

// notFound builds an error naming the clusters that do exist.
func notFound(home, name string) error {
	names, _ := List(home)
	existing := "there are no clusters; create one with `kmctl create cluster`"
	if len(names) > 0 {
		existing = "existing clusters: " + strings.Join(names, ", ")
	}
	return fmt.Errorf("cluster %q does not exist (%s): %w", name, existing, ErrNotFound)
}
