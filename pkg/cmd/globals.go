// Package cmd holds what every kmctl command shares: output streams, verbosity
// and the cluster manager.
package cmd

import (
	"io"

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
