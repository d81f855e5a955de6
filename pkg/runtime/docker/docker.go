package docker

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

// Name is the runtime's name on the command line.
const Name = "docker"

// Labels on everything kmctl creates.
const (
	// LabelCluster holds the cluster's name, on containers and networks.
	LabelCluster = "kmctl.dev/cluster"
	// LabelComponent holds the component's name, on containers.
	LabelComponent = "kmctl.dev/component"
	// LabelBuilt is "true" on the images kmctl built from a binary.
	LabelBuilt = "kmctl.dev/built"
)

// stopTimeout is how long a container may take to exit after SIGTERM.
const stopTimeout = 20 * time.Second

// validCluster is what Docker accepts in container and network names.
var validCluster = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)

// Runtime runs the components of one cluster as containers on the cluster's
// bridge network.
type Runtime struct {
	cluster string
	dir     string
	cli     *client.Client
	// Out receives progress messages (pulling, building images); nil discards them.
	Out io.Writer
}

var _ runtime.Runtime = (*Runtime)(nil)

// New returns the runtime for one cluster: containers
// "kmctl-<cluster>-<component>" on network "kmctl-<cluster>", with the work
// dir dir bind-mounted read-only at its absolute path.
func New(cluster, dir string) (*Runtime, error) {
	if !validCluster.MatchString(cluster) {
		return nil, fmt.Errorf("cluster name %q cannot name a container: use letters, digits, '.', '_' or '-'", cluster)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("failed to resolve the work dir %s: %w", dir, err)
	}
	cli, err := newClient()
	if err != nil {
		return nil, err
	}
	return &Runtime{cluster: cluster, dir: abs, cli: cli}, nil
}

// newClient returns a client configured from DOCKER_HOST and friends,
// negotiating the API version with the daemon.
func newClient() (*client.Client, error) {
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return nil, fmt.Errorf("failed to configure the Docker client (check DOCKER_HOST): %w", err)
	}
	return cli, nil
}

// ContainerName is the name of a component's container.
func ContainerName(cluster, component string) string {
	return "kmctl-" + cluster + "-" + component
}

// NetworkName is the name of a cluster's bridge network.
func NetworkName(cluster string) string {
	return "kmctl-" + cluster
}

// Name implements runtime.Runtime.
func (r *Runtime) Name() string { return Name }

// Close releases the client's connections.
func (r *Runtime) Close() error { return r.cli.Close() }

// out is where progress messages go.
func (r *Runtime) out() io.Writer {
	if r.Out == nil {
		return io.Discard
	}
	return r.Out
}

// Start implements runtime.Runtime. A running container is left alone, a
// stopped one is started again as it is, and a missing one is created (after
// making sure its image is usable) and started.
func (r *Runtime) Start(ctx context.Context, c components.Component) error {
	name := ContainerName(r.cluster, c.Name)
	info, err := r.cli.ContainerInspect(ctx, name)
	switch {
	case err == nil && info.State != nil && info.State.Running:
		return nil
	case err == nil:
		return r.startContainer(ctx, name)
	case !cerrdefs.IsNotFound(err):
		return fmt.Errorf("failed to inspect container %s: %w", name, err)
	}
	if err := r.create(ctx, c); err != nil {
		return err
	}
	return r.startContainer(ctx, name)
}

// create makes the component's image usable, then creates its container.
func (r *Runtime) create(ctx context.Context, c components.Component) error {
	if c.ImageBinary == "" {
		return fmt.Errorf("component %s has no ImageBinary: set the path of its executable inside the image", c.Name)
	}
	ref, built, err := EnsureImage(ctx, c.Image, c.Binary, c.ImageBinary, r.out())
	if err != nil {
		return fmt.Errorf("no image for %s: %w", c.Name, err)
	}
	if built {
		fmt.Fprintf(r.out(), "built image %s from %s\n", ref, c.Binary)
	}
	if err := ensureNetwork(ctx, r.cli, r.cluster); err != nil {
		return err
	}
	cfg, host, net := containerSpec(r.cluster, r.dir, c, ref)
	name := ContainerName(r.cluster, c.Name)
	if _, err := r.cli.ContainerCreate(ctx, cfg, host, net, nil, name); err != nil {
		return fmt.Errorf("failed to create container %s from %s: %w", name, ref, err)
	}
	return nil
}

// startContainer starts an existing container.
func (r *Runtime) startContainer(ctx context.Context, name string) error {
	if err := r.cli.ContainerStart(ctx, name, container.StartOptions{}); err != nil {
		return fmt.Errorf("failed to start container %s (if a port is taken, free it or pick other ports): %w", name, err)
	}
	return nil
}

// Stop implements runtime.Runtime: SIGTERM, then SIGKILL after 20s. A
// missing or stopped container is no error.
func (r *Runtime) Stop(ctx context.Context, c components.Component) error {
	name := ContainerName(r.cluster, c.Name)
	secs := int(stopTimeout / time.Second)
	err := r.cli.ContainerStop(ctx, name, container.StopOptions{Timeout: &secs})
	if err != nil && !cerrdefs.IsNotFound(err) {
		return fmt.Errorf("failed to stop container %s: %w", name, err)
	}
	return nil
}

// State implements runtime.Runtime: running, stopped, or missing when the
// container does not exist (which callers treat as stopped).
func (r *Runtime) State(ctx context.Context, c components.Component) (runtime.State, error) {
	name := ContainerName(r.cluster, c.Name)
	info, err := r.cli.ContainerInspect(ctx, name)
	switch {
	case cerrdefs.IsNotFound(err):
		return runtime.Missing, nil
	case err != nil:
		return runtime.Stopped, fmt.Errorf("failed to inspect container %s: %w", name, err)
	case info.State != nil && info.State.Running:
		return runtime.Running, nil
	}
	return runtime.Stopped, nil
}

// Why explains a component that is not running, for error messages: the
// container's exit code and the daemon's error, if any.
func (r *Runtime) Why(c components.Component) string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	name := ContainerName(r.cluster, c.Name)
	info, err := r.cli.ContainerInspect(ctx, name)
	switch {
	case cerrdefs.IsNotFound(err):
		return fmt.Sprintf("container %s does not exist", name)
	case err != nil:
		return fmt.Sprintf("cannot inspect container %s: %v", name, err)
	case info.State == nil:
		return fmt.Sprintf("container %s has no state", name)
	}
	return describeState(name, info.State)
}

// describeState says how a container stands, e.g. "container x exited with code 1".
func describeState(name string, s *container.State) string {
	if s.Running {
		return "running"
	}
	msg := fmt.Sprintf("container %s is %s, exit code %d", name, s.Status, s.ExitCode)
	if s.OOMKilled {
		msg += ", killed for lack of memory"
	}
	if s.Error != "" {
		msg += ": " + s.Error
	}
	return msg
}

// Remove implements runtime.Runtime: it force-removes the components'
// containers, then the cluster's network once no container of the cluster
// remains.
func (r *Runtime) Remove(ctx context.Context, list []components.Component) error {
	for _, c := range list {
		if err := removeContainer(ctx, r.cli, ContainerName(r.cluster, c.Name)); err != nil {
			return err
		}
	}
	left, err := clusterContainers(ctx, r.cli, r.cluster)
	if err != nil || len(left) > 0 {
		return err
	}
	return removeNetworks(ctx, r.cli, r.cluster)
}
