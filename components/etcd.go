package components

import "fmt"

// EtcdConfig holds what the etcd builder needs.
type EtcdConfig struct {
	Binary        string
	Image         string
	DataDir       string
	BindAddress   string // address to listen on, e.g. 127.0.0.1
	AdvertiseHost string // how others reach it, e.g. 127.0.0.1 or a container name
	ClientPort    int
	PeerPort      int
	// QuotaBackendBytes raises etcd's storage quota (0 keeps etcd's default of 2 GiB).
	QuotaBackendBytes int64
	// UnsafeNoFsync skips fsync: much faster on slow disks, unsafe on power loss.
	UnsafeNoFsync bool
}

// BuildEtcd describes a single-member etcd serving plain HTTP on its ports.
func BuildEtcd(c EtcdConfig) (Component, error) {
	if c.ClientPort == 0 || c.PeerPort == 0 {
		return Component{}, fmt.Errorf("etcd needs a client and a peer port")
	}
	if c.DataDir == "" {
		return Component{}, fmt.Errorf("etcd needs a data dir")
	}
	peer := localURL("http", c.AdvertiseHost, c.PeerPort, "")
	args := []string{
		flag("name", "etcd0"),
		flag("data-dir", c.DataDir),
		flag("listen-client-urls", localURL("http", c.BindAddress, c.ClientPort, "")),
		flag("advertise-client-urls", localURL("http", c.AdvertiseHost, c.ClientPort, "")),
		flag("listen-peer-urls", localURL("http", c.BindAddress, c.PeerPort, "")),
		flag("initial-advertise-peer-urls", peer),
		flag("initial-cluster", "etcd0="+peer),
		flag("initial-cluster-state", "new"),
		flag("auto-compaction-retention", "1"),
		flag("snapshot-count", 10000),
	}
	if c.QuotaBackendBytes > 0 {
		args = append(args, flag("quota-backend-bytes", c.QuotaBackendBytes))
	}
	if c.UnsafeNoFsync {
		args = append(args, flag("unsafe-no-fsync", true))
	}
	return Component{
		Name:        Etcd,
		Binary:      c.Binary,
		Image:       c.Image,
		ImageBinary: ImageBinaries[Etcd],
		Args:        args,
		Ports: []Port{
			{Name: "client", Port: c.ClientPort, HostPort: c.ClientPort},
			{Name: "peer", Port: c.PeerPort, HostPort: c.PeerPort},
		},
		Mounts: []Mount{{HostPath: c.DataDir, Path: c.DataDir}},
		Health: &Health{URL: localURL("http", "127.0.0.1", c.ClientPort, "/health")},
	}, nil
}
