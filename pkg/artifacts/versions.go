package artifacts

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// group is a set of binaries built together from one release.
type group struct {
	product     string   // "kubernetes", "etcd" or "prometheus"
	version     string   // normalized release version, e.g. "v1.34.4"
	bins        []string // binaries the build produces
	versionFlag string   // flag that selects the version, for error messages
	estimate    string   // rough cold build time shown to users
	recipe      recipe   // how to build the binaries
}

// key names the group's cache and build directories, e.g. "etcd-v3.6.16".
func (g group) key() string {
	return g.product + "-" + g.version
}

// label describes the build for status lines, e.g. "etcd v3.6.16".
func (g group) label() string {
	return strings.Join(g.bins, ", ") + " " + g.version
}

// kubeBinaries are the binaries of the Kubernetes group, built together.
var kubeBinaries = []string{KubeAPIServer, KubeControllerManager, KubeScheduler, Kubectl}

// semverRE matches vMAJOR.MINOR.PATCH.
var semverRE = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)

// groupFor returns the build group that produces the named binary at the
// given version ("" selects the default version).
func groupFor(name, version string) (group, error) {
	switch name {
	case KubeAPIServer, KubeControllerManager, KubeScheduler, Kubectl:
		v, err := checkVersion(version, DefaultKubeVersion, 1, "--kube-version")
		if err == nil {
			err = checkKubeSupported(v, version)
		}
		return group{product: "kubernetes", version: v, bins: kubeBinaries,
			versionFlag: "--kube-version", estimate: "~5 min", recipe: kubeRecipe}, err
	case Etcd:
		v, err := checkVersion(version, DefaultEtcdVersion, 3, "--etcd-version")
		return group{product: "etcd", version: v, bins: []string{Etcd},
			versionFlag: "--etcd-version", estimate: "~1 min", recipe: etcdRecipe}, err
	case Prometheus:
		v, err := checkVersion(version, DefaultPrometheusVersion, 3, "--prometheus-version")
		return group{product: "prometheus", version: v, bins: []string{Prometheus},
			versionFlag: "--prometheus-version", estimate: "~4 min", recipe: prometheusRecipe}, err
	default:
		return group{}, fmt.Errorf("unknown binary %q; use one of %s", name, strings.Join(AllNames(), ", "))
	}
}

// checkVersion normalizes version (adding a missing "v", defaulting "" to
// def) and checks it is vMAJOR.MINOR.PATCH with the expected major version.
func checkVersion(version, def string, major int, flag string) (string, error) {
	if version == "" {
		version = def
	}
	typed := version // quoted as typed when malformed: "garbage", not "vgarbage"
	if !strings.HasPrefix(version, "v") {
		version = "v" + version
	}
	parts, err := parseVersion(version)
	if err != nil {
		return "", fmt.Errorf("%s %q: %w (for example %s)", flag, typed, err, def)
	}
	if parts[0] != major {
		return "", fmt.Errorf("%s %q: only major version %d is supported; pass a version like %s", flag, typed, major, def)
	}
	return version, nil
}

// parseVersion splits "vMAJOR.MINOR.PATCH" into its three numbers.
func parseVersion(v string) ([3]int, error) {
	var parts [3]int
	m := semverRE.FindStringSubmatch(v)
	if m == nil {
		return parts, fmt.Errorf("version must look like vMAJOR.MINOR.PATCH")
	}
	for i := range parts {
		n, err := strconv.Atoi(m[i+1])
		if err != nil {
			return parts, fmt.Errorf("version number %q is too large", m[i+1])
		}
		parts[i] = n
	}
	return parts, nil
}

// stagingVersion maps a Kubernetes release to the version of its staging
// modules (k8s.io/api etc.): v1.34.4 -> v0.34.4.
func stagingVersion(kubeVersion string) string {
	return "v0." + strings.TrimPrefix(kubeVersion, "v1.")
}

// prometheusModuleVersion maps a Prometheus v3 release to the Go module
// version it is published as: v3.5.0 -> v0.305.0, v3.16.0 -> v0.316.0.
func prometheusModuleVersion(release string) (string, error) {
	p, err := parseVersion(release)
	if err != nil {
		return "", fmt.Errorf("prometheus version %q: %w", release, err)
	}
	if p[0] != 3 || p[1] > 99 {
		return "", fmt.Errorf("prometheus version %q: only releases v3.0.0 to v3.99.x can be built from source; pass --prometheus-binary for others", release)
	}
	return fmt.Sprintf("v0.3%02d.%d", p[1], p[2]), nil
}

// checkBuildable reports why g's release cannot be built from source, even
// though its version is well formed: Prometheus publishes release v3.A.B as
// module version v0.3AA.B, so only minor versions up to 99 exist as modules.
func (g group) checkBuildable() error {
	if g.product != "prometheus" {
		return nil
	}
	if _, err := prometheusModuleVersion(g.version); err != nil {
		return fmt.Errorf("%s %q: only releases v3.0.0 to v3.99.x can be built from source; pass a version in that range, or give `kmctl create cluster` a prebuilt binary with %s",
			g.versionFlag, g.version, OverrideFlag(Prometheus))
	}
	return nil
}

// groupDir is where a complete build of g lives.
func (r *Resolver) groupDir(g group) string {
	return filepath.Join(r.CacheDir, "bin", g.key())
}

// cachedBinary returns the cache path of a binary of g and whether it is there.
func (r *Resolver) cachedBinary(g group, name string) (string, bool) {
	path := filepath.Join(r.groupDir(g), name)
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return path, isExecutable(path)
}

// groupComplete reports whether every binary of g is in the cache.
func (r *Resolver) groupComplete(g group) bool {
	for _, name := range g.bins {
		if _, ok := r.cachedBinary(g, name); !ok {
			return false
		}
	}
	return true
}

// NormalizeVersion checks the version of the named binary's release and
// returns it with its "v" (1.34.4 -> v1.34.4); "" gives the default. Flags
// are normalized with it before a cluster's config is written, so the
// config, image tags and cache keys all agree.
func NormalizeVersion(name, version string) (string, error) {
	g, err := groupFor(name, version)
	return g.version, err
}
