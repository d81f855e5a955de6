package components

import (
	"reflect"
	"slices"
	"testing"
)

func TestBuildEtcd(t *testing.T) {
	base := EtcdConfig{
		Binary: "/bin/etcd", DataDir: "/work/etcd-data",
		BindAddress: "127.0.0.1", AdvertiseHost: "127.0.0.1",
		ClientPort: 2379, PeerPort: 2380,
	}
	ports := []Port{{Name: "client", Port: 2379, HostPort: 2379}, {Name: "peer", Port: 2380, HostPort: 2380}}
	common := []string{
		"--name=etcd0",
		"--data-dir=/work/etcd-data",
		"--listen-client-urls=http://127.0.0.1:2379",
		"--advertise-client-urls=http://127.0.0.1:2379",
		"--listen-peer-urls=http://127.0.0.1:2380",
		"--initial-advertise-peer-urls=http://127.0.0.1:2380",
		"--initial-cluster=etcd0=http://127.0.0.1:2380",
		"--initial-cluster-state=new",
	}
	tests := []builderCase{
		{
			name:   "defaults",
			build:  func() (Component, error) { return BuildEtcd(base) },
			want:   common,
			absent: []string{"--quota-backend-bytes", "--unsafe-no-fsync"},
		},
		{
			name: "quota and no fsync",
			build: func() (Component, error) {
				c := base
				c.QuotaBackendBytes = 8 << 30
				c.UnsafeNoFsync = true
				return BuildEtcd(c)
			},
			want: append(slices.Clone(common), "--quota-backend-bytes=8589934592", "--unsafe-no-fsync=true"),
		},
		{
			name: "bind on all interfaces, advertise a container name",
			build: func() (Component, error) {
				c := base
				c.BindAddress = "0.0.0.0"
				c.AdvertiseHost = "etcd"
				return BuildEtcd(c)
			},
			want: []string{
				"--listen-client-urls=http://0.0.0.0:2379",
				"--listen-peer-urls=http://0.0.0.0:2380",
				"--advertise-client-urls=http://etcd:2379",
				"--initial-advertise-peer-urls=http://etcd:2380",
				"--initial-cluster=etcd0=http://etcd:2380",
			},
		},
	}
	for _, tc := range tests {
		tc.wantName = Etcd
		tc.binary = "/bin/etcd"
		tc.health = "http://127.0.0.1:2379/health"
		tc.ports = ports
		t.Run(tc.name, func(t *testing.T) { checkComponent(t, tc) })
	}

	t.Run("data dir is mounted read-write", func(t *testing.T) {
		c, err := BuildEtcd(base)
		if err != nil {
			t.Fatal(err)
		}
		want := []Mount{{HostPath: "/work/etcd-data", Path: "/work/etcd-data"}}
		if !reflect.DeepEqual(c.Mounts, want) {
			t.Errorf("Mounts = %+v, want %+v", c.Mounts, want)
		}
	})
}

func TestBuildEtcdInvalid(t *testing.T) {
	valid := EtcdConfig{DataDir: "/d", BindAddress: "127.0.0.1", AdvertiseHost: "127.0.0.1", ClientPort: 1, PeerPort: 2}
	tests := map[string]func(*EtcdConfig){
		"no client port": func(c *EtcdConfig) { c.ClientPort = 0 },
		"no peer port":   func(c *EtcdConfig) { c.PeerPort = 0 },
		"no data dir":    func(c *EtcdConfig) { c.DataDir = "" },
	}
	checkInvalid(t, BuildEtcd, valid, tests)
}
