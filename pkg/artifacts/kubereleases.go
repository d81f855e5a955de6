package artifacts

import (
	"fmt"
	"strings"
)

// kubeRelease is a supported Kubernetes minor release.
type kubeRelease struct {
	minor int
	// newest is its newest patch release the Go module proxy serves, named
	// when a version is refused.
	newest string
	// etcd is the etcd release kubeadm of the same release deploys (its
	// constants.SupportedEtcdVersion for that minor), the default beside it.
	etcd string
}

// kubeReleases are the supported Kubernetes minors, oldest first.
var kubeReleases = []kubeRelease{
	{minor: 33, newest: "v1.33.13", etcd: "v3.5.24"},
	{minor: 34, newest: "v1.34.4", etcd: "v3.6.5"},
	{minor: 35, newest: "v1.35.4", etcd: "v3.6.6"},
	{minor: 36, newest: "v1.36.3", etcd: "v3.6.8"},
	{minor: 37, newest: "v1.37.2", etcd: "v3.7.0"},
}

// SupportedKubeRange names the supported Kubernetes minors, e.g.
// "v1.33 to v1.37", for help texts and errors.
func SupportedKubeRange() string {
	first, last := kubeReleases[0], kubeReleases[len(kubeReleases)-1]
	return fmt.Sprintf("v1.%d to v1.%d", first.minor, last.minor)
}

// SupportedKubeVersions lists the newest patch release of each supported
// minor, oldest first.
func SupportedKubeVersions() []string {
	out := make([]string, len(kubeReleases))
	for i, r := range kubeReleases {
		out[i] = r.newest
	}
	return out
}

// kubeReleaseOf returns the supported release of a normalized version's
// minor, and false when that minor is not supported.
func kubeReleaseOf(version string) (kubeRelease, bool) {
	p, err := parseVersion(version)
	if err != nil || p[0] != 1 {
		return kubeRelease{}, false
	}
	for _, r := range kubeReleases {
		if r.minor == p[1] {
			return r, true
		}
	}
	return kubeRelease{}, false
}

// checkKubeSupported refuses a well-formed Kubernetes version whose minor
// kmctl does not support, naming the range and a release of each minor.
func checkKubeSupported(version, typed string) error {
	if _, ok := kubeReleaseOf(version); ok {
		return nil
	}
	return fmt.Errorf("--kube-version %q: Kubernetes %s are supported; pass one of %s",
		typed, SupportedKubeRange(), strings.Join(SupportedKubeVersions(), ", "))
}

// EtcdFor returns the etcd release that goes with a Kubernetes version by
// default: the one kubeadm of that release deploys. A version kmctl does
// not support gets DefaultEtcdVersion (it is refused elsewhere).
func EtcdFor(kubeVersion string) string {
	v := kubeVersion
	if !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	if r, ok := kubeReleaseOf(v); ok {
		return r.etcd
	}
	return DefaultEtcdVersion
}

// KubeMinor returns the minor number of a Kubernetes version (v1.34.4 ->
// 34), or 0 when the version is malformed. Component flags that exist only
// from some release on are gated on it.
func KubeMinor(kubeVersion string) int {
	p, err := parseVersion("v" + strings.TrimPrefix(kubeVersion, "v"))
	if err != nil {
		return 0
	}
	return p[1]
}
