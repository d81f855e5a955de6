package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/kmctl/kmctl/pkg/artifacts"
)

// Kubectl runs the cached kubectl of the cluster's Kubernetes version (built
// from source the first time) against the cluster's admin kubeconfig. A
// cluster without one (its create stopped early) is refused before kubectl
// is resolved.
func (m *Manager) Kubectl(ctx context.Context, name string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	h, err := m.open(name)
	if err != nil {
		return err
	}
	kubeconfigPath, err := h.adminKubeconfig(name)
	if err != nil {
		return err
	}
	bin, err := m.Resolver.Resolve(ctx, artifacts.Request{Name: artifacts.Kubectl, Version: h.cfg.KubeVersion})
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, append([]string{"--kubeconfig", kubeconfigPath}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	cmd.Env = os.Environ()
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() > 0 {
		return ExitStatus(exit.ExitCode())
	}
	if err != nil {
		return fmt.Errorf("kubectl: %w", err)
	}
	return nil
}

// ExitStatus is the status a command kmctl ran in the foreground (kubectl)
// exited with, after printing its own error: kmctl exits with it too, so
// scripts see kubectl's codes (such as `kubectl diff`'s 1).
type ExitStatus int

func (s ExitStatus) Error() string { return fmt.Sprintf("exited with status %d", int(s)) }
