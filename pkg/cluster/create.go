package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/artifacts"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
	"github.com/kmctl/kmctl/pkg/ports"
)

// CreateOptions change how Create runs, not what it creates.
type CreateOptions struct {
	// Wait bounds the wait for each component and for the API.
	Wait time.Duration
	// DryRun prints what would be written and started to Plan and does nothing.
	DryRun bool
	Plan   io.Writer
}

// Create writes the cluster's files, starts its components in order and
// merges its context into the user's kubeconfig. On failure or Ctrl-C it stops
// what it started and keeps the work dir, so the logs can be read and
// `kmctl delete cluster` removes it.
func (m *Manager) Create(ctx context.Context, cfg Config, o CreateOptions) error {
	if err := m.precheck(&cfg); err != nil {
		return err
	}
	if err := m.chooseRuntime(ctx, &cfg, o.DryRun); err != nil {
		return err
	}
	user, err := readUserFiles(&cfg)
	if err != nil {
		return err
	}
	if err := m.pickPorts(&cfg, o.DryRun); err != nil {
		return err
	}
	bins, err := m.resolveBinaries(ctx, &cfg, o.DryRun)
	if err != nil {
		return err
	}
	l := layout{dir: Dir(m.Home, cfg.Name)}
	comps, err := buildComponents(&cfg, l, bins)
	if err != nil {
		return err
	}
	if o.DryRun {
		return m.printPlan(o.Plan, &cfg, l, user, comps)
	}
	return m.createForReal(ctx, &cfg, l, user, comps, o.Wait)
}

// precheck fails before anything is written: bad name, existing cluster, a
// kubeconfig the final merge could not write.
func (m *Manager) precheck(cfg *Config) error {
	if err := ValidateName(cfg.Name); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	if m.exists(cfg.Name) {
		return fmt.Errorf("cluster %q already exists; delete it first with `kmctl delete cluster --name %s` or pick another --name", cfg.Name, cfg.Name)
	}
	return checkKubeconfig(cfg)
}

// checkKubeconfig makes cfg.Kubeconfig absolute, so that the path saved in
// kmctl.yaml names the same file for `kmctl delete` run from any directory,
// and runs the merge's own checks on it (kubeconfig.Check): a regular file
// that parses as a kubeconfig, a writable directory, a free lock.
func checkKubeconfig(cfg *Config) error {
	if cfg.Kubeconfig == "" {
		return errors.New("no kubeconfig to merge the cluster's context into; pass --kubeconfig")
	}
	abs, err := filepath.Abs(cfg.Kubeconfig)
	if err != nil {
		return fmt.Errorf("make kubeconfig path %q absolute: %w; pass an absolute --kubeconfig", cfg.Kubeconfig, err)
	}
	cfg.Kubeconfig = abs
	return kubeconfig.Check(abs)
}

func (m *Manager) pickPorts(cfg *Config, dryRun bool) error {
	alloc := m.Ports
	if alloc == nil {
		alloc = ports.NewLocal()
	}
	p := &cfg.Ports
	wanted := []struct {
		port *int
		flag string
		on   bool
	}{
		{&p.APIServer, "kube-apiserver-port", true},
		{&p.Etcd, "etcd-port", true},
		{&p.EtcdPeer, "etcd-peer-port", true},
		{&p.ControllerManager, "kube-controller-manager-port", true},
		{&p.Scheduler, "kube-scheduler-port", true},
		{&p.Simulator, "simulator-port", cfg.Enabled(components.Simulator)},
		{&p.Prometheus, "prometheus-port", cfg.Enabled(components.Prometheus)},
	}
	for _, w := range wanted {
		if !w.on {
			*w.port = 0
			continue
		}
		got, err := alloc.Pick(*w.port, w.flag)
		if err != nil {
			return err
		}
		*w.port = got
	}
	return nil
}

// resolveBinaries finds (or builds) every executable; a dry run only looks in
// the cache. Every request is checked first, so a bad version or override
// fails before any build starts.
func (m *Manager) resolveBinaries(ctx context.Context, cfg *Config, dryRun bool) (binaries, error) {
	reqs := binaryRequests(cfg)
	for _, req := range reqs {
		if err := m.Resolver.Check(req); err != nil {
			return nil, err
		}
	}
	bins := binaries{components.Simulator: m.Self}
	for _, req := range reqs {
		if dryRun {
			bins[req.Name], _ = m.Resolver.Cached(req)
			continue
		}
		path, err := m.Resolver.Resolve(ctx, req)
		if err != nil {
			return nil, err
		}
		bins[req.Name] = path
	}
	return bins, nil
}

// binaryRequests lists the executables the cluster's enabled components
// need, the simulator (kmctl itself) aside.
func binaryRequests(cfg *Config) []artifacts.Request {
	var reqs []artifacts.Request
	for _, name := range []string{components.Etcd, components.KubeAPIServer, components.KubeControllerManager, components.KubeScheduler, components.Prometheus} {
		if name == components.Prometheus && !cfg.Enabled(name) {
			continue
		}
		reqs = append(reqs, artifacts.Request{Name: name, Version: versionFor(cfg, name), Override: cfg.Binaries[name]})
	}
	return reqs
}

func versionFor(cfg *Config, name string) string {
	switch name {
	case components.Etcd:
		return cfg.EtcdVersion
	case components.Prometheus:
		return cfg.PrometheusVersion
	default:
		return cfg.KubeVersion
	}
}

func (m *Manager) createForReal(ctx context.Context, cfg *Config, l layout, user userFiles, comps []components.Component, wait time.Duration) error {
	cfg.CreatedAt = time.Now().UTC().Truncate(time.Second)
	if err := os.MkdirAll(l.dir, 0o700); err != nil {
		return fmt.Errorf("failed to create %s: %w", l.dir, err)
	}
	if err := l.markUnfinished(); err != nil {
		return m.abort(cfg, l, nil, err)
	}
	if err := saveYAML(l.config(), cfg); err != nil {
		return m.abort(cfg, l, nil, err)
	}
	if err := writeFiles(diskExecutor{}, cfg, l, user); err != nil {
		return m.abort(cfg, l, nil, err)
	}
	if err := saveYAML(l.components(), comps); err != nil {
		return m.abort(cfg, l, nil, err)
	}
	rt, err := m.newRuntime(cfg, l.dir)
	if err != nil {
		return m.abort(cfg, l, nil, err)
	}
	m.Log.Infof("Starting cluster %q (%s runtime, Kubernetes %s)", cfg.Name, rt.Name(), cfg.KubeVersion)
	if err := startAll(ctx, rt, comps, wait, m); err != nil {
		return m.abort(cfg, l, comps, err)
	}
	if err := waitAPI(ctx, l.adminKubeconfig(), wait); err != nil {
		return m.abort(cfg, l, comps, err)
	}
	if err := m.mergeKubeconfig(cfg, l); err != nil {
		return m.abort(cfg, l, comps, err)
	}
	return l.markFinished()
}

func (m *Manager) mergeKubeconfig(cfg *Config, l layout) error {
	entry, err := os.ReadFile(l.adminKubeconfig())
	if err != nil {
		return err
	}
	prev, err := kubeconfig.Merge(cfg.Kubeconfig, entry)
	if err != nil {
		return err
	}
	m.Log.Infof(" • context %s set in %s", ContextName(cfg.Name), cfg.Kubeconfig)
	if prev != "" {
		cfg.PreviousContext = prev // delete restores it
		if err := saveYAML(l.config(), cfg); err != nil {
			m.Log.Infof("warning: could not record the previous current-context %q (%v); `kmctl delete cluster` will clear current-context instead of restoring it", prev, err)
		}
	}
	return nil
}

// abort stops what create started and says how to clean up.
func (m *Manager) abort(cfg *Config, l layout, comps []components.Component, cause error) error {
	if len(comps) > 0 {
		if rt, err := m.newRuntime(cfg, l.dir); err == nil {
			stopCtx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_ = stopAll(stopCtx, rt, comps, m)
		}
	}
	what := "failed to create"
	if errors.Is(cause, context.Canceled) {
		what = "interrupted while creating"
	}
	return fmt.Errorf("%s cluster %q: %w\nEverything it started is stopped; read a component's log with `kmctl logs COMPONENT --name %s`, remove the cluster with `kmctl delete cluster --name %s`",
		what, cfg.Name, cause, cfg.Name, cfg.Name)
}
