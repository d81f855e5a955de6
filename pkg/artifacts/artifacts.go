// Package artifacts finds the executables a kmctl cluster runs: etcd, the
// Kubernetes control plane, kubectl and Prometheus.
//
// A binary comes from, in order: an override given with a --<name>-binary
// flag (a local path, or an http(s) URL downloaded once into the cache), a
// previous build in the cache, or a fresh build from source with the local Go
// toolchain. Builds only need the Go module proxy, so they work on machines
// that cannot reach release download sites.
//
// Cache layout under Resolver.CacheDir:
//
//	bin/kubernetes-<v>/{kube-apiserver,kube-controller-manager,kube-scheduler,kubectl}
//	bin/etcd-<v>/etcd
//	bin/prometheus-<v>/prometheus
//	build/<group>.lock, build/<group>.log, build/<group>-*/ (work dirs)
//	downloads/<sha256(url)>/<name>
package artifacts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Names of the binaries kmctl knows.
const (
	Etcd                  = "etcd"
	KubeAPIServer         = "kube-apiserver"
	KubeControllerManager = "kube-controller-manager"
	KubeScheduler         = "kube-scheduler"
	Kubectl               = "kubectl"
	Prometheus            = "prometheus"
)

// Default versions, used when a Request or Versions leaves a version empty.
const (
	// DefaultKubeVersion is the Kubernetes release of the control plane and kubectl.
	DefaultKubeVersion = "v1.34.4"
	// DefaultEtcdVersion is the etcd release that goes with
	// DefaultKubeVersion (EtcdFor gives it for every supported release).
	DefaultEtcdVersion = "v3.6.5"
	// DefaultPrometheusVersion is the Prometheus release (3.5 is the LTS line).
	DefaultPrometheusVersion = "v3.5.1"
)

// AllNames returns the names of every binary kmctl knows, in start order.
func AllNames() []string {
	return []string{Etcd, KubeAPIServer, KubeControllerManager, KubeScheduler, Kubectl, Prometheus}
}

// OverrideFlag returns the command-line flag that overrides a binary,
// e.g. "--kube-apiserver-binary".
func OverrideFlag(name string) string {
	return "--" + name + "-binary"
}

// DefaultCacheDir returns $XDG_CACHE_HOME/kmctl, else $HOME/.cache/kmctl.
// getEnv is usually os.Getenv. With neither variable set it falls back to
// a kmctl-cache directory under the system temp dir.
func DefaultCacheDir(getEnv func(string) string) string {
	dir := filepath.Join(os.TempDir(), "kmctl-cache")
	if xdg := getEnv("XDG_CACHE_HOME"); xdg != "" {
		dir = filepath.Join(xdg, "kmctl")
	} else if home := getEnv("HOME"); home != "" {
		dir = filepath.Join(home, ".cache", "kmctl")
	}
	// Components run in their work dir, so a relative cache would move.
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return dir
}

// Resolver finds, downloads or builds binaries, caching them in CacheDir.
// The zero value is not usable: CacheDir must be set.
type Resolver struct {
	// CacheDir is the root of the cache.
	CacheDir string
	// Out receives status lines and the build spinner; nil means io.Discard.
	Out io.Writer
	// GoBinary is the go command used to build; "" means "go" from PATH.
	GoBinary string
	// Env is appended to os.Environ() for go commands (mainly for tests).
	Env []string
}

// Request names a binary, its version ("" means the default for that
// binary) and an optional override from a --<name>-binary flag: a local
// path or an http(s) URL.
type Request struct {
	Name     string
	Version  string
	Override string
}

// Versions selects the release of every binary group; "" means the default.
type Versions struct {
	Kube       string
	Etcd       string
	Prometheus string
}

// Resolve returns an absolute path to an executable for req. It uses the
// override if one is given, else the cached build, else builds the binary
// (and the rest of its group) from source and caches it.
func (r *Resolver) Resolve(ctx context.Context, req Request) (string, error) {
	if req.Override != "" {
		return r.resolveOverride(ctx, req)
	}
	g, err := groupFor(req.Name, req.Version)
	if err != nil {
		return "", err
	}
	if path, ok := r.cachedBinary(g, req.Name); ok {
		return path, nil
	}
	if err := r.build(ctx, g, req.Name); err != nil {
		return "", err
	}
	path, ok := r.cachedBinary(g, req.Name)
	if !ok {
		return "", fmt.Errorf("build of %s %s finished but %s is missing; remove %s and retry", req.Name, g.version, path, r.groupDir(g))
	}
	return path, nil
}

// Cached reports the path Resolve would return for req and whether it is
// ready to use now, without building or downloading anything (for --dry-run).
func (r *Resolver) Cached(req Request) (path string, ok bool) {
	if req.Override != "" {
		if isURL(req.Override) {
			path = r.downloadPath(req)
			return path, isExecutable(path)
		}
		path, err := filepath.Abs(req.Override)
		if err != nil {
			return req.Override, false
		}
		return path, isExecutable(path)
	}
	g, err := groupFor(req.Name, req.Version)
	if err != nil {
		return "", false
	}
	return r.cachedBinary(g, req.Name)
}

// Check finds the errors Resolve would give for req without building or
// downloading anything (for --dry-run): a bad version, a release that is not
// cached and cannot be built from source, or a local override that is
// missing or not executable.
func (r *Resolver) Check(req Request) error {
	if req.Override == "" {
		g, err := groupFor(req.Name, req.Version)
		if err != nil {
			return err
		}
		if _, ok := r.cachedBinary(g, req.Name); ok {
			return nil
		}
		return g.checkBuildable()
	}
	if isURL(req.Override) {
		return nil
	}
	_, err := localOverride(req)
	return err
}

// EnsureAll builds every binary of the given versions that is not cached yet.
// It checks every version first (CheckVersions), so a bad one fails before
// any build starts.
func (r *Resolver) EnsureAll(ctx context.Context, versions Versions) error {
	groups, err := r.checkGroups(versions)
	if err != nil {
		return err
	}
	for i, g := range groups {
		if r.groupComplete(g) {
			r.printf("%s %s: already built in %s\n", g.product, g.version, r.groupDir(g))
			continue
		}
		if err := r.build(ctx, g, groupLeaders[i]); err != nil {
			return err
		}
	}
	return nil
}

// CheckVersions normalizes every version of v as NormalizeVersion does
// (1.34.4 -> v1.34.4, "" -> the default) and checks that each release not in
// the cache yet can be built from source. Commands that build or pull
// several components call it first, so a bad version fails before anything
// is built; the error names every bad version.
func (r *Resolver) CheckVersions(v Versions) (Versions, error) {
	groups, err := r.checkGroups(v)
	if err != nil {
		return Versions{}, err
	}
	return Versions{Kube: groups[0].version, Etcd: groups[1].version, Prometheus: groups[2].version}, nil
}

// groupLeaders name one binary of each group, in the order checkGroups
// returns the groups: Kubernetes, etcd, Prometheus.
var groupLeaders = []string{KubeAPIServer, Etcd, Prometheus}

// checkGroups returns the group of each of groupLeaders at the versions of
// v, or an error naming every version that is malformed or, when its group
// is not cached, cannot be built from source.
func (r *Resolver) checkGroups(v Versions) ([]group, error) {
	var groups []group
	var errs []error
	for _, name := range groupLeaders {
		g, err := groupFor(name, v.forName(name))
		if err == nil && !r.groupComplete(g) {
			err = g.checkBuildable()
		}
		groups = append(groups, g)
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return groups, nil
}

// forName returns the version in v that applies to the named binary; an
// empty etcd version is the one that goes with v.Kube.
func (v Versions) forName(name string) string {
	switch name {
	case Etcd:
		if v.Etcd == "" {
			return EtcdFor(v.Kube)
		}
		return v.Etcd
	case Prometheus:
		return v.Prometheus
	default:
		return v.Kube
	}
}

// out returns where status output goes.
func (r *Resolver) out() io.Writer {
	if r.Out == nil {
		return io.Discard
	}
	return r.Out
}

// printf writes a status line to Out.
func (r *Resolver) printf(format string, args ...any) {
	fmt.Fprintf(r.out(), format, args...)
}

// isExecutable reports whether path is a regular file with an execute bit.
func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}
