package components

import "fmt"

// PrometheusConfig holds what the Prometheus builder needs.
type PrometheusConfig struct {
	Binary      string
	Image       string
	BindAddress string
	Port        int
	ConfigFile  string
	DataDir     string
	// Retention bounds how long samples are kept (e.g. "2d"); empty keeps Prometheus' default.
	Retention string
}

// BuildPrometheus describes a Prometheus server reading ConfigFile.
func BuildPrometheus(c PrometheusConfig) (Component, error) {
	if c.Port == 0 || c.ConfigFile == "" || c.DataDir == "" {
		return Component{}, fmt.Errorf("prometheus needs a port, a config file and a data dir")
	}
	args := []string{
		flag("config.file", c.ConfigFile),
		flag("storage.tsdb.path", c.DataDir),
		flag("web.listen-address", fmt.Sprintf("%s:%d", c.BindAddress, c.Port)),
		"--web.enable-lifecycle", // kingpin booleans take no value
	}
	if c.Retention != "" {
		args = append(args, flag("storage.tsdb.retention.time", c.Retention))
	}
	return Component{
		Name:        Prometheus,
		Binary:      c.Binary,
		Image:       c.Image,
		ImageBinary: ImageBinaries[Prometheus],
		Args:        args,
		Ports:       []Port{{Name: "http", Port: c.Port, HostPort: c.Port}},
		Mounts: []Mount{
			{HostPath: c.ConfigFile, Path: c.ConfigFile, ReadOnly: true},
			{HostPath: c.DataDir, Path: c.DataDir},
		},
		Health:    &Health{URL: localURL("http", "127.0.0.1", c.Port, "/-/ready")},
		DependsOn: []string{KubeAPIServer},
	}, nil
}
