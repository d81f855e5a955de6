// Package components describes the parts of a kmctl cluster as plain data.
//
// Every builder here is a pure function from a small config struct to a
// Component: it reads no files, starts nothing and picks no ports. Runtimes
// turn a Component into a process or a container; the cluster decides the
// order and the values.
package components

import "fmt"

// Names of the components kmctl can run.
const (
	Etcd                  = "etcd"
	KubeAPIServer         = "kube-apiserver"
	KubeControllerManager = "kube-controller-manager"
	KubeScheduler         = "kube-scheduler"
	Simulator             = "kmctl-simulator"
	Prometheus            = "prometheus"
)

// ImageBinaries is where each component's executable sits in its image: the
// upstream images' paths, which the images kmctl builds follow too.
var ImageBinaries = map[string]string{
	Etcd:                  "/usr/local/bin/etcd",
	KubeAPIServer:         "/usr/local/bin/kube-apiserver",
	KubeControllerManager: "/usr/local/bin/kube-controller-manager",
	KubeScheduler:         "/usr/local/bin/kube-scheduler",
	Simulator:             "/usr/local/bin/kmctl",
	Prometheus:            "/bin/prometheus",
}

// Order is the order in which components start; they stop in reverse.
var Order = []string{Etcd, KubeAPIServer, KubeControllerManager, KubeScheduler, Simulator, Prometheus}

// Component is one process of a cluster.
type Component struct {
	// Name is the component's name, one of the constants above.
	Name string `json:"name"`
	// Binary is the path of the executable on the host.
	Binary string `json:"binary"`
	// Image is the container image for runtimes that use one.
	Image string `json:"image,omitempty"`
	// ImageBinary is the path of the executable inside Image.
	ImageBinary string `json:"imageBinary,omitempty"`
	// Args are the command-line arguments, without the binary.
	Args []string `json:"args"`
	// Env holds extra environment variables.
	Env []EnvVar `json:"env,omitempty"`
	// Ports are the ports the component listens on.
	Ports []Port `json:"ports,omitempty"`
	// Mounts are the host paths the component reads or writes.
	Mounts []Mount `json:"mounts,omitempty"`
	// Health tells how to know the component is ready.
	Health *Health `json:"health,omitempty"`
	// DependsOn names the components that must be healthy first.
	DependsOn []string `json:"dependsOn,omitempty"`
}

// EnvVar is one environment variable.
type EnvVar struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Port is a port a component listens on.
type Port struct {
	// Name says what the port is for, e.g. "https" or "metrics".
	Name string `json:"name"`
	// Port is the port inside the process's network namespace.
	Port int `json:"port"`
	// HostPort is the port on the host's 127.0.0.1 (equal to Port for processes).
	HostPort int `json:"hostPort,omitempty"`
}

// Mount is a host path a component uses.
type Mount struct {
	HostPath string `json:"hostPath"`
	Path     string `json:"path"`
	ReadOnly bool   `json:"readOnly,omitempty"`
}

// Health is an HTTP(S) endpoint that answers 200 once the component is ready.
type Health struct {
	// URL is reached from the host.
	URL string `json:"url"`
	// Insecure skips TLS verification (the components' serving certs are self-signed).
	Insecure bool `json:"insecure,omitempty"`
}

// Sort returns the components in start order; unknown names go last, in their given order.
func Sort(list []Component) []Component {
	rank := map[string]int{}
	for i, n := range Order {
		rank[n] = i
	}
	out := make([]Component, 0, len(list))
	for _, name := range Order {
		for _, c := range list {
			if c.Name == name {
				out = append(out, c)
			}
		}
	}
	for _, c := range list {
		if _, ok := rank[c.Name]; !ok {
			out = append(out, c)
		}
	}
	return out
}

func flag(name string, value any) string {
	return fmt.Sprintf("--%s=%v", name, value)
}

func localURL(scheme string, host string, port int, path string) string {
	return fmt.Sprintf("%s://%s:%d%s", scheme, host, port, path)
}
