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
	Config(name string) (*cluster.Config, error)
}

// Cluster is a cluster Connect found running.
type Cluster struct {
	Name   string
	Client *kubernetes.Clientset
	// Config is what the cluster was created with.
	Config *cluster.Config
}

// Simulator reports whether the cluster runs kmctl-simulator, that is,
// whether it was created without --disable kmctl-simulator.
func (c *Cluster) Simulator() bool {
	return c.Config.Enabled(components.Simulator)
}

// scaleNeeds are the components without which scaling cannot work: the API
// and its store, and the simulator that makes nodes Ready and pods Running.
var scaleNeeds = map[string]bool{components.Etcd: true, components.KubeAPIServer: true, components.Simulator: true}

// Connect returns the named cluster with a client, or an error saying how to
// create or start it when it does not exist or does not run. A cluster with
// only other components down (the scheduler stopped with `kmctl stop
// component`, say) can be scaled; a note on warn says what is down.
func Connect(ctx context.Context, m ClusterSource, name string, warn io.Writer) (*Cluster, error) {
	st, err := m.Status(ctx, name)
	if err != nil {
		return nil, err
	}
	if err := runs(name, st, warn); err != nil {
		return nil, err
	}
	cfg, err := m.Config(name)
	if err != nil {
		return nil, err
	}
	client, err := m.Client(name)
	if err != nil {
		return nil, err
	}
	return &Cluster{Name: name, Client: client, Config: cfg}, nil
}

// runs fails when the cluster st describes cannot be scaled.
func runs(name string, st cluster.Status, warn io.Writer) error {
	switch st.State {
	case "running":
		return nil
	case "stopped":
		return fmt.Errorf("cluster %q is stopped; start it with `kmctl start cluster --name %s`", name, name)
	case "degraded":
		if err := needed(name, st.Down); err != nil {
			return err
		}
		fmt.Fprintf(warn, "note: cluster %q runs without %s%s\n", name, strings.Join(st.Down, ", "), schedulerNote(name, st.Down))
		return nil
	default:
		return fmt.Errorf("cluster %q is %s; delete it with `kmctl delete cluster --name %s` and create it again with `kmctl create cluster --name %s`",
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
