// Package cmd holds what every kmctl command shares: output streams, verbosity
// and the cluster manager.
package cmd

import (
	"io"

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

// AddVersionFlags adds --kube-version, --etcd-version and --prometheus-version.
func AddVersionFlags(fs *pflag.FlagSet, v *artifacts.Versions) {
	fs.StringVar(&v.Kube, "kube-version", artifacts.DefaultKubeVersion, "Kubernetes version")
	fs.StringVar(&v.Etcd, "etcd-version", artifacts.DefaultEtcdVersion, "etcd version")
	fs.StringVar(&v.Prometheus, "prometheus-version", artifacts.DefaultPrometheusVersion, "Prometheus version")
}
