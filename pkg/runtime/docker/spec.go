package docker

import (
	"fmt"
	"os"
	"strconv"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/go-connections/nat"

	"github.com/kmctl/kmctl/components"
)

// publishHost is the only host address ports are published on.
const publishHost = "127.0.0.1"

// hostUser runs containers as the user running kmctl, so they can read its
// 0600 keys and the files they write stay deletable by `kmctl delete cluster`
// (upstream Prometheus' image would otherwise run as nobody).
var hostUser = fmt.Sprintf("%d:%d", os.Getuid(), os.Getgid())

// containerSpec translates a component into the configuration of its
// container. It is a pure function: it talks to no daemon and reads no file.
func containerSpec(cluster, dir string, c components.Component, image string) (*container.Config, *container.HostConfig, *network.NetworkingConfig) {
	name := ContainerName(cluster, c.Name)
	exposed, bindings := portSpec(c.Ports)
	cfg := &container.Config{
		Image:        image,
		Entrypoint:   []string{c.ImageBinary},
		Cmd:          append([]string{}, c.Args...),
		Env:          envSpec(c.Env),
		User:         hostUser,
		WorkingDir:   "/",
		ExposedPorts: exposed,
		Labels:       map[string]string{LabelCluster: cluster, LabelComponent: c.Name},
	}
	host := &container.HostConfig{
		PortBindings:  bindings,
		Mounts:        mountSpec(dir, c.Mounts),
		RestartPolicy: container.RestartPolicy{Name: container.RestartPolicyDisabled},
		LogConfig: container.LogConfig{
			Type:   "json-file",
			Config: map[string]string{"max-size": "50m", "max-file": "2"},
		},
	}
	net := &network.NetworkingConfig{EndpointsConfig: map[string]*network.EndpointSettings{
		NetworkName(cluster): {Aliases: []string{name}},
	}}
	return cfg, host, net
}

// envSpec turns env vars into NAME=value strings.
func envSpec(env []components.EnvVar) []string {
	out := make([]string, 0, len(env))
	for _, e := range env {
		out = append(out, e.Name+"="+e.Value)
	}
	return out
}

// portSpec exposes every port and publishes it on 127.0.0.1:HostPort. A port
// without a HostPort is exposed on the cluster network only.
func portSpec(ports []components.Port) (nat.PortSet, nat.PortMap) {
	exposed := nat.PortSet{}
	bindings := nat.PortMap{}
	for _, p := range ports {
		port := nat.Port(strconv.Itoa(p.Port) + "/tcp")
		exposed[port] = struct{}{}
		if p.HostPort == 0 {
			continue
		}
		bindings[port] = append(bindings[port], nat.PortBinding{HostIP: publishHost, HostPort: strconv.Itoa(p.HostPort)})
	}
	return exposed, bindings
}

// mountSpec binds the work dir read-only at its own path, then each of the
// component's mounts at its path (read-write unless ReadOnly). A component
// mount at the work dir's own path replaces the read-only one.
func mountSpec(dir string, mounts []components.Mount) []mount.Mount {
	out := make([]mount.Mount, 0, len(mounts)+1)
	if dir != "" && !mountsPath(mounts, dir) {
		out = append(out, mount.Mount{Type: mount.TypeBind, Source: dir, Target: dir, ReadOnly: true})
	}
	for _, m := range mounts {
		out = append(out, mount.Mount{Type: mount.TypeBind, Source: m.HostPath, Target: m.Path, ReadOnly: m.ReadOnly})
	}
	return out
}

// mountsPath reports whether one of mounts is at path.
func mountsPath(mounts []components.Mount, path string) bool {
	for _, m := range mounts {
		if m.Path == path {
			return true
		}
	}
	return false
}
