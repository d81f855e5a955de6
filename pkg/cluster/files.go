package cluster

import (
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
	"github.com/kmctl/kmctl/pkg/pki"
	"github.com/kmctl/kmctl/pkg/runtime/docker"
	"github.com/kmctl/kmctl/pkg/schedconfig"
	"github.com/kmctl/kmctl/pkg/simulator"
)

// writeFiles creates the work dir's certificates, kubeconfigs and configs.
func writeFiles(x executor, cfg *Config, l layout, user userFiles) error {
	for _, d := range []string{l.dir, l.pki(), filepath.Dir(l.kubeconfig("x")), l.etcdData(), l.prometheusData()} {
		if err := x.mkdir(d); err != nil {
			return fmt.Errorf("failed to create %s: %w", d, err)
		}
	}
	err := x.generatePKI(l.pki(), pki.Options{
		CommonName:   ContextName(cfg.Name) + "-ca",
		APIServerIPs: []net.IP{loopback},
		APIServerDNS: []string{"localhost", docker.ContainerName(cfg.Name, components.KubeAPIServer)},
	})
	if err != nil {
		return fmt.Errorf("failed to create certificates: %w", err)
	}
	if err := writeKubeconfigs(x, cfg, l); err != nil {
		return err
	}
	if err := writePrometheusIdentity(x, l); err != nil {
		return err
	}
	if err := writeSchedulerConfig(x, cfg, l, user.schedulerConfig); err != nil {
		return err
	}
	if user.lifecycle != nil {
		if err := x.writeFile(l.lifecycle(), user.lifecycle, 0o600); err != nil {
			return err
		}
	}
	return writePrometheusConfig(x, cfg, l)
}

func writeKubeconfigs(x executor, cfg *Config, l layout) error {
	ca, err := readCA(x, l)
	if err != nil {
		return err
	}
	for _, id := range identities {
		cert, key, err := x.issueClient(l.pki(), id.user, id.groups)
		if err != nil {
			return fmt.Errorf("failed to issue a client certificate for %s: %w", id.component, err)
		}
		data, err := kubeconfig.Build(kubeconfig.Options{
			Context:  ContextName(cfg.Name),
			Server:   serverFor(cfg, id.component),
			CAData:   ca,
			CertData: cert,
			KeyData:  key,
		})
		if err != nil {
			return err
		}
		path := l.kubeconfig(id.component)
		if id.component == "admin" {
			path = l.adminKubeconfig()
		}
		if err := x.writeFile(path, data, 0o600); err != nil {
			return err
		}
	}
	return nil
}

func readCA(x executor, l layout) ([]byte, error) {
	if _, ok := x.(diskExecutor); !ok {
		return []byte("CA"), nil
	}
	return pki.ReadCA(l.pki())
}

func writePrometheusIdentity(x executor, l layout) error {
	cert, key, err := x.issueClient(l.pki(), prometheusIdentity.user, prometheusIdentity.groups)
	if err != nil {
		return fmt.Errorf("failed to issue a client certificate for prometheus: %w", err)
	}
	if err := x.writeFile(filepath.Join(l.pki(), "prometheus.crt"), cert, 0o644); err != nil {
		return err
	}
	return x.writeFile(filepath.Join(l.pki(), "prometheus.key"), key, 0o600)
}

// serverFor is the apiserver URL in a component's kubeconfig; the admin
// kubeconfig is used from the host.
func serverFor(cfg *Config, component string) string {
	if component == "admin" {
		return fmt.Sprintf("https://127.0.0.1:%d", cfg.Ports.APIServer)
	}
	return viewFor(cfg).peerURL("https", components.KubeAPIServer, cfg.Ports.APIServer)
}

// userFiles are the user's files a cluster starts from, read and checked
// before anything is written.
type userFiles struct {
	schedulerConfig, lifecycle []byte
}

func readUserFiles(cfg *Config) (userFiles, error) {
	sched, err := readUserSchedulerConfig(cfg.Scheduler.ConfigFile)
	if err != nil {
		return userFiles{}, err
	}
	life, err := readUserLifecycle(cfg.Simulator.LifecycleFile)
	return userFiles{schedulerConfig: sched, lifecycle: life}, err
}

// readUserLifecycle reads and checks --simulator-lifecycle.
func readUserLifecycle(path string) ([]byte, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read --simulator-lifecycle: %w", err)
	}
	if _, err := simulator.ParseLifecycle(path, data); err != nil {
		return nil, fmt.Errorf("--simulator-lifecycle: %w", err)
	}
	return data, nil
}

// readUserSchedulerConfig reads and validates --kube-scheduler-config.
func readUserSchedulerConfig(path string) ([]byte, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read --kube-scheduler-config: %w", err)
	}
	if err := schedconfig.Validate(data, path); err != nil {
		return nil, err
	}
	return data, nil
}

func writeSchedulerConfig(x executor, cfg *Config, l layout, user []byte) error {
	s := cfg.Scheduler
	data, err := schedconfig.Patch(user, s.ConfigFile, schedconfig.Options{
		Kubeconfig:               l.kubeconfig(components.KubeScheduler),
		QPS:                      s.QPS,
		Burst:                    s.Burst,
		PercentageOfNodesToScore: s.PercentageOfNodesToScore,
		Parallelism:              s.Parallelism,
		Debug:                    s.Debug,
	})
	if err != nil {
		return err
	}
	return x.writeFile(l.schedulerConfig(), data, 0o600)
}

func writePrometheusConfig(x executor, cfg *Config, l layout) error {
	if !cfg.Enabled(components.Prometheus) {
		return nil
	}
	data, err := components.BuildPrometheusConfig("15s", scrapeTargets(cfg, l))
	if err != nil {
		return err
	}
	return x.writeFile(l.prometheusConfig(), data, 0o600)
}

func scrapeTargets(cfg *Config, l layout) []components.ScrapeTarget {
	v := viewFor(cfg)
	at := func(component string, port int) string { return fmt.Sprintf("%s:%d", v.peer(component), port) }
	apiTLS := &components.PromTLSConfig{
		CAFile:   filepath.Join(l.pki(), pki.CACert),
		CertFile: filepath.Join(l.pki(), "prometheus.crt"),
		KeyFile:  filepath.Join(l.pki(), "prometheus.key"),
	}
	targets := []components.ScrapeTarget{
		{Job: components.Etcd, Address: at(components.Etcd, cfg.Ports.Etcd)},
		{Job: components.KubeAPIServer, Address: at(components.KubeAPIServer, cfg.Ports.APIServer), HTTPS: true, TLS: apiTLS},
		{Job: components.KubeControllerManager, Address: at(components.KubeControllerManager, cfg.Ports.ControllerManager), HTTPS: true},
		{Job: components.KubeScheduler, Address: at(components.KubeScheduler, cfg.Ports.Scheduler), HTTPS: true},
	}
	if cfg.Enabled(components.Simulator) {
		targets = append(targets, components.ScrapeTarget{Job: components.Simulator, Address: at(components.Simulator, cfg.Ports.Simulator)})
	}
	return append(targets, components.ScrapeTarget{Job: components.Prometheus, Address: at(components.Prometheus, cfg.Ports.Prometheus)})
}
