package cluster

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/kmctl/kmctl/pkg/artifacts"
)

// Kubectl runs the cached kubectl of the cluster's Kubernetes version (built
// from source the first time) against the cluster's admin kubeconfig.
func (m *Manager) Kubectl(ctx context.Context, name string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	h, err := m.open(name)
	if err != nil {
		return err
	}
	bin, err := m.Resolver.Resolve(ctx, artifacts.Request{Name: artifacts.Kubectl, Version: h.cfg.KubeVersion})
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, append([]string{"--kubeconfig", h.l.adminKubeconfig()}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	cmd.Env = os.Environ()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("kubectl: %w", err)
	}
	return nil
}
