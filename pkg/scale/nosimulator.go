package scale

import (
	"context"
	"fmt"
	"io"
)

// Connect connects to the named cluster like the package's Connect and fits
// the run to it.
//
// A cluster created with --disable kmctl-simulator has nothing that makes
// nodes Ready and pods Running unless someone runs `kmctl simulate` against
// it (to shard the simulator, say). There a wait that is only the default is
// dropped: the objects are created and a note on warn says why nobody waits
// and how to start a simulator. A wait asked for with --wait is kept, for
// those who run their own simulators; a note says what it relies on, and
// reasons of a timed-out wait point at `kmctl simulate` rather than at logs
// of a component the cluster lacks.
func (s *Scaler) Connect(ctx context.Context, m ClusterSource, name string, warn io.Writer) (*Cluster, error) {
	c, err := Connect(ctx, m, name, warn)
	if err != nil {
		return nil, err
	}
	s.fitTo(c, warn)
	return c, nil
}

// fitTo drops or explains the wait on a cluster without kmctl-simulator.
func (s *Scaler) fitTo(c *Cluster, warn io.Writer) {
	if c.Simulator() {
		return
	}
	s.simulator = fmt.Sprintf(noSimulatorHint, c.Name)
	if !s.opts.Wait || s.opts.Replicas == 0 {
		return
	}
	start := simulateCommand(c.Name)
	if !s.opts.WaitSet {
		s.opts.Wait = false
		fmt.Fprintf(warn, "note: cluster %q has no kmctl-simulator (it was created with --disable kmctl-simulator), "+
			"so nothing in it makes %s %s: not waiting for them. Run a simulator with `%s`, and pass --wait to wait for it\n",
			c.Name, s.plural, s.readyWord, start)
		return
	}
	fmt.Fprintf(warn, "note: cluster %q has no kmctl-simulator: waiting for %s to be %s relies on your own `%s`\n",
		c.Name, s.plural, s.readyWord, start)
}

// simulateCommand runs a simulator against the named cluster; the admin
// kubeconfig reaches the apiserver from the host with either runtime.
func simulateCommand(name string) string {
	return fmt.Sprintf("kmctl get kubeconfig --name %s > %s.kubeconfig && kmctl simulate --kubeconfig %s.kubeconfig", name, name, name)
}

// Waits reports whether Run waits for the objects to be ready (unless it
// scales to 0); Connect may have dropped a default wait.
func (s *Scaler) Waits() bool {
	return s.opts.Wait
}
