package scale

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"k8s.io/client-go/kubernetes"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/cluster"
)

// ClusterSource is what Connect needs of a *cluster.Manager.
type ClusterSource interface {
	Status(ctx context.Context, name string) (cluster.Status, error)
	Client(name string) (*kubernetes.Clientset, error)
}

// scaleNeeds are the components without which scaling cannot work: the API
// and its store, and the simulator that makes nodes Ready and pods Running.
var scaleNeeds = map[string]bool{components.Etcd: true, components.KubeAPIServer: true, components.Simulator: true}

// Connect returns a client for the named cluster, or an error saying how to
// create or start it when it does not exist or does not run. A cluster with
// only other components down (the scheduler stopped with `kmctl stop
// component`, say) can be scaled; a note on warn says what is down.
func Connect(ctx context.Context, m ClusterSource, name string, warn io.Writer) (*kubernetes.Clientset, error) {
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
		if err := needed(name, st.Down); err != nil {
			return nil, err
		}
		fmt.Fprintf(warn, "note: cluster %q runs without %s%s\n", name, strings.Join(st.Down, ", "), schedulerNote(name, st.Down))
		return m.Client(name)
	default:
		return nil, fmt.Errorf("cluster %q is %s; delete it with `kmctl delete cluster --name %s` and create it again with `kmctl create cluster --name %s`",
			name, st.State, name, name)
	}
}

// needed fails when a component that scaling needs is down.
func needed(name string, down []string) error {
	for _, c := range down {
		if scaleNeeds[c] {
			return fmt.Errorf("cluster %q is degraded (down: %s); restart it with `kmctl start cluster --name %s`",
				name, strings.Join(down, ", "), name)
		}
	}
	return nil
}

// schedulerNote says what a stopped scheduler means for new pods.
func schedulerNote(name string, down []string) string {
	if !slices.Contains(down, components.KubeScheduler) {
		return ""
	}
	return fmt.Sprintf("; new pods stay Pending until `kmctl start component %s --name %s`", components.KubeScheduler, name)
}
