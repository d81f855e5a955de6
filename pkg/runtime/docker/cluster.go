package docker

import (
	"context"
	"fmt"
	"sort"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/client"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

var _ runtime.Discoverer = (*Runtime)(nil)

// pingTimeout bounds Available.
const pingTimeout = 3 * time.Second

// Available reports whether a Docker daemon answers, and why not.
func Available(ctx context.Context) error {
	cli, err := newClient()
	if err != nil {
		return err
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	if _, err := cli.Ping(ctx); err != nil {
		return fmt.Errorf("no Docker daemon answers at %s (start Docker, set DOCKER_HOST, or use --runtime binary): %w", cli.DaemonHost(), err)
	}
	return nil
}

// Clusters lists the names of the clusters that have containers or networks
// labelled LabelCluster, sorted.
func Clusters(ctx context.Context) ([]string, error) {
	cli, err := newClient()
	if err != nil {
		return nil, err
	}
	defer cli.Close()
	seen := map[string]bool{}
	containers, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: filters.NewArgs(filters.Arg("label", LabelCluster))})
	if err != nil {
		return nil, fmt.Errorf("failed to list kmctl containers: %w", err)
	}
	for _, c := range containers {
		seen[c.Labels[LabelCluster]] = true
	}
	networks, err := cli.NetworkList(ctx, network.ListOptions{Filters: filters.NewArgs(filters.Arg("label", LabelCluster))})
	if err != nil {
		return nil, fmt.Errorf("failed to list kmctl networks: %w", err)
	}
	for _, n := range networks {
		seen[n.Labels[LabelCluster]] = true
	}
	names := make([]string, 0, len(seen))
	for name := range seen {
		if name != "" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, nil
}

// RemoveCluster removes every container and network labelled with the
// cluster, whether or not its work dir still exists. With pruneImages it also
// removes the images kmctl built that those containers ran, unless another
// container still uses them.
func RemoveCluster(ctx context.Context, cluster string, pruneImages bool) error {
	cli, err := newClient()
	if err != nil {
		return err
	}
	defer cli.Close()
	list, err := clusterContainers(ctx, cli, cluster)
	if err != nil {
		return err
	}
	for _, c := range list {
		if err := removeContainer(ctx, cli, c.ID); err != nil {
			return err
		}
	}
	if err := removeNetworks(ctx, cli, cluster); err != nil {
		return err
	}
	if pruneImages {
		return pruneBuiltImages(ctx, cli, imageIDs(list))
	}
	return nil
}

// Discover implements runtime.Discoverer: the containers labelled with the
// cluster, running or not, as components named by their LabelComponent label,
// so Stop and Remove reach them without the saved component list.
func (r *Runtime) Discover(ctx context.Context) ([]components.Component, error) {
	list, err := clusterContainers(ctx, r.cli, r.cluster)
	if err != nil {
		return nil, err
	}
	return discovered(list), nil
}

// discovered names one component per labelled container; a container without
// a component label (not made by kmctl) is skipped.
func discovered(list []container.Summary) []components.Component {
	var found []components.Component
	for _, c := range list {
		if name := c.Labels[LabelComponent]; name != "" {
			found = append(found, components.Component{Name: name})
		}
	}
	return found
}

// imageIDs lists the images the containers run.
func imageIDs(list []container.Summary) []string {
	ids := make([]string, 0, len(list))
	for _, c := range list {
		ids = append(ids, c.ImageID)
	}
	return ids
}

// clusterFilter selects what is labelled with the cluster.
func clusterFilter(cluster string) filters.Args {
	return filters.NewArgs(filters.Arg("label", LabelCluster+"="+cluster))
}

// clusterContainers lists the cluster's containers, running or not.
func clusterContainers(ctx context.Context, cli *client.Client, cluster string) ([]container.Summary, error) {
	list, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: clusterFilter(cluster)})
	if err != nil {
		return nil, fmt.Errorf("failed to list the containers of cluster %s: %w", cluster, err)
	}
	return list, nil
}

// removeContainer force-removes a container; a missing one is no error.
func removeContainer(ctx context.Context, cli *client.Client, id string) error {
	err := cli.ContainerRemove(ctx, id, container.RemoveOptions{Force: true, RemoveVolumes: true})
	if err != nil && !cerrdefs.IsNotFound(err) {
		return fmt.Errorf("failed to remove container %s: %w", id, err)
	}
	return nil
}

// ensureNetwork creates the cluster's bridge network unless it exists.
func ensureNetwork(ctx context.Context, cli *client.Client, cluster string) error {
	name := NetworkName(cluster)
	if networkExists(ctx, cli, name) {
		return nil
	}
	_, err := cli.NetworkCreate(ctx, name, network.CreateOptions{
		Driver: "bridge",
		Labels: map[string]string{LabelCluster: cluster},
	})
	if err != nil && !networkExists(ctx, cli, name) {
		return fmt.Errorf("failed to create network %s (remove a stale one with `kmctl delete cluster --name %s`): %w", name, cluster, err)
	}
	return nil
}

// networkExists reports whether a network of that name exists (it may have
// been created concurrently).
func networkExists(ctx context.Context, cli *client.Client, name string) bool {
	_, err := cli.NetworkInspect(ctx, name, network.InspectOptions{})
	return err == nil
}

// removeNetworks removes the networks labelled with the cluster.
func removeNetworks(ctx context.Context, cli *client.Client, cluster string) error {
	list, err := cli.NetworkList(ctx, network.ListOptions{Filters: clusterFilter(cluster)})
	if err != nil {
		return fmt.Errorf("failed to list the networks of cluster %s: %w", cluster, err)
	}
	for _, n := range list {
		if err := cli.NetworkRemove(ctx, n.ID); err != nil && !cerrdefs.IsNotFound(err) {
			return fmt.Errorf("failed to remove network %s (is a container outside kmctl attached to it?): %w", n.Name, err)
		}
	}
	return nil
}
