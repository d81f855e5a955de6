package docker

import (
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/mount"
	"github.com/docker/go-connections/nat"

	"github.com/kmctl/kmctl/components"
)

func TestContainerSpec(t *testing.T) {
	base := components.Component{
		Name:        "kube-apiserver",
		Binary:      "/host/bin/kube-apiserver",
		ImageBinary: "/usr/local/bin/kube-apiserver",
		Args:        []string{"--secure-port=6443", "--etcd-servers=http://kmctl-c1-etcd:2379"},
		Env:         []components.EnvVar{{Name: "A", Value: "1"}, {Name: "B", Value: "x=y"}},
	}
	tests := []struct {
		name       string
		ports      []components.Port
		mounts     []components.Mount
		wantExpose []nat.Port
		wantBind   map[nat.Port]string
		wantMounts []mount.Mount
	}{{
		name:       "no ports, no mounts: only the work dir, read-only",
		wantMounts: []mount.Mount{{Type: mount.TypeBind, Source: "/w/c1", Target: "/w/c1", ReadOnly: true}},
	}, {
		name:       "published ports on loopback, unpublished one exposed only",
		ports:      []components.Port{{Name: "https", Port: 6443, HostPort: 16443}, {Name: "peer", Port: 2380}},
		wantExpose: []nat.Port{"6443/tcp", "2380/tcp"},
		wantBind:   map[nat.Port]string{"6443/tcp": "16443"},
		wantMounts: []mount.Mount{{Type: mount.TypeBind, Source: "/w/c1", Target: "/w/c1", ReadOnly: true}},
	}, {
		name:   "component mounts over the read-only work dir",
		mounts: []components.Mount{{HostPath: "/w/c1/etcd", Path: "/w/c1/etcd"}, {HostPath: "/h/cfg.yaml", Path: "/etc/cfg.yaml", ReadOnly: true}},
		wantMounts: []mount.Mount{
			{Type: mount.TypeBind, Source: "/w/c1", Target: "/w/c1", ReadOnly: true},
			{Type: mount.TypeBind, Source: "/w/c1/etcd", Target: "/w/c1/etcd"},
			{Type: mount.TypeBind, Source: "/h/cfg.yaml", Target: "/etc/cfg.yaml", ReadOnly: true},
		},
	}, {
		name:       "a mount at the work dir replaces the read-only one",
		mounts:     []components.Mount{{HostPath: "/w/c1", Path: "/w/c1"}},
		wantMounts: []mount.Mount{{Type: mount.TypeBind, Source: "/w/c1", Target: "/w/c1"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			c.Ports, c.Mounts = tt.ports, tt.mounts
			cfg, host, net := containerSpec("c1", "/w/c1", c, "kmctl.local/kube-apiserver:abc")
			checkConfig(t, cfg.Image, cfg.Entrypoint, cfg.Cmd, cfg.Env, cfg.User, cfg.WorkingDir, cfg.Labels)
			checkPorts(t, cfg.ExposedPorts, host.PortBindings, tt.wantExpose, tt.wantBind)
			if !reflect.DeepEqual(host.Mounts, tt.wantMounts) {
				t.Errorf("mounts = %+v, want %+v", host.Mounts, tt.wantMounts)
			}
			if host.RestartPolicy.Name != "no" {
				t.Errorf("restart policy = %q, want no", host.RestartPolicy.Name)
			}
			if host.LogConfig.Type != "json-file" || host.LogConfig.Config["max-size"] != "50m" || host.LogConfig.Config["max-file"] != "2" {
				t.Errorf("log config = %+v", host.LogConfig)
			}
			ep := net.EndpointsConfig["kmctl-c1"]
			if ep == nil || !reflect.DeepEqual(ep.Aliases, []string{"kmctl-c1-kube-apiserver"}) || len(net.EndpointsConfig) != 1 {
				t.Errorf("networking = %+v, want kmctl-c1 with alias kmctl-c1-kube-apiserver", net.EndpointsConfig)
			}
		})
	}
}

// checkConfig checks the parts of the container config that do not vary.
func checkConfig(t *testing.T, image string, entrypoint, cmd, env []string, user, wd string, labels map[string]string) {
	t.Helper()
	if image != "kmctl.local/kube-apiserver:abc" {
		t.Errorf("image = %q", image)
	}
	if !reflect.DeepEqual(entrypoint, []string{"/usr/local/bin/kube-apiserver"}) {
		t.Errorf("entrypoint = %q", entrypoint)
	}
	if !reflect.DeepEqual(cmd, []string{"--secure-port=6443", "--etcd-servers=http://kmctl-c1-etcd:2379"}) {
		t.Errorf("cmd = %q", cmd)
	}
	if !reflect.DeepEqual(env, []string{"A=1", "B=x=y"}) {
		t.Errorf("env = %q", env)
	}
	if user != hostUser || wd != "/" {
		t.Errorf("user, working dir = %q, %q; want 0:0, /", user, wd)
	}
	want := map[string]string{LabelCluster: "c1", LabelComponent: "kube-apiserver"}
	if !reflect.DeepEqual(labels, want) {
		t.Errorf("labels = %v, want %v", labels, want)
	}
}

// checkPorts checks that exactly the wanted ports are exposed and that every
// binding is on 127.0.0.1 at the wanted host port.
func checkPorts(t *testing.T, exposed nat.PortSet, bindings nat.PortMap, wantExpose []nat.Port, wantBind map[nat.Port]string) {
	t.Helper()
	if len(exposed) != len(wantExpose) {
		t.Errorf("exposed = %v, want %v", exposed, wantExpose)
	}
	for _, p := range wantExpose {
		if _, ok := exposed[p]; !ok {
			t.Errorf("port %s not exposed", p)
		}
	}
	if len(bindings) != len(wantBind) {
		t.Errorf("bindings = %v, want %v", bindings, wantBind)
	}
	for port, list := range bindings {
		for _, b := range list {
			if b.HostIP != "127.0.0.1" {
				t.Errorf("port %s published on %q, want 127.0.0.1 only", port, b.HostIP)
			}
			if b.HostPort != wantBind[port] {
				t.Errorf("port %s published at %q, want %q", port, b.HostPort, wantBind[port])
			}
		}
	}
}

func TestNames(t *testing.T) {
	if got := ContainerName("c1", "etcd"); got != "kmctl-c1-etcd" {
		t.Errorf("ContainerName = %q", got)
	}
	if got := NetworkName("c1"); got != "kmctl-c1" {
		t.Errorf("NetworkName = %q", got)
	}
	if _, err := New("bad name", t.TempDir()); err == nil {
		t.Error("New accepted a cluster name with a space")
	}
}
