// Package cmd holds what every kmctl command shares: output streams, verbosity
// and the cluster manager.
package cmd

import (
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/kmctl/kmctl/pkg/artifacts"

	"github.com/kmctl/kmctl/pkg/cluster"
)

// Globals are set by the root command and read by every subcommand.
type Globals struct {
	Out       io.Writer
	ErrOut    io.Writer
	Verbosity int
}

// Manager returns a cluster manager logging to the error stream.
func (g *Globals) Manager() (*cluster.Manager, error) {
	return cluster.NewManager(g.ErrOut, g.Verbosity)
}

// KubeVersionHelp and EtcdVersionHelp describe --kube-version and
// --etcd-version wherever they are offered.
var (
	KubeVersionHelp = "Kubernetes version of the control plane and kubectl (" + artifacts.SupportedKubeRange() + " are supported: " +
		strings.Join(artifacts.SupportedKubeVersions(), ", ") + ")"
	EtcdVersionHelp = "etcd version (default: the one kubeadm deploys with the Kubernetes version, " + artifacts.DefaultEtcdVersion +
		" with " + artifacts.DefaultKubeVersion + ")"
)

// AddVersionFlags adds --kube-version, --etcd-version and --prometheus-version.
func AddVersionFlags(fs *pflag.FlagSet, v *artifacts.Versions) {
	fs.StringVar(&v.Kube, "kube-version", artifacts.DefaultKubeVersion, KubeVersionHelp)
	fs.StringVar(&v.Etcd, "etcd-version", "", EtcdVersionHelp)
	fs.StringVar(&v.Prometheus, "prometheus-version", artifacts.DefaultPrometheusVersion, "Prometheus version")
}
