package scale

import (
	"context"
	"fmt"
	"strings"

	"k8s.io/client-go/kubernetes"

	"github.com/kmctl/kmctl/pkg/cluster"
)

// ClusterSource is what Connect needs of a *cluster.Manager.
type ClusterSource interface {
	Status(ctx context.Context, name string) (cluster.Status, error)
	Client(name string) (*kubernetes.Clientset, error)
}

// Connect returns a client for the named cluster, or an error saying how to
// create or start it when it does not exist or does not run.
func Connect(ctx context.Context, m ClusterSource, name string) (*kubernetes.Clientset, error) {
	st, err := m.Status(ctx, name)
	if err != nil {
		return nil, err
	}
	switch st.State {
	case "running":
		return m.Client(name)
	case "stopped":
		return nil, fmt.Errorf("cluster %q is stopped; start it with `kmctl start cluster --name %s`", name, name)
	case "degraded":
		return nil, fmt.Errorf("cluster %q is degraded (down: %s); restart it with `kmctl start cluster --name %s`",
			name, strings.Join(st.Down, ", "), name)
	default:
		return nil, fmt.Errorf("cluster %q is %s; delete it with `kmctl delete cluster --name %s` and create it again with `kmctl create cluster --name %s`",
			name, st.State, name, name)
	}
}
