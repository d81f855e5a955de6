package cluster

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/artifacts"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
	"github.com/kmctl/kmctl/pkg/log"
	"github.com/kmctl/kmctl/pkg/ports"
	"github.com/kmctl/kmctl/pkg/runtime"
)

// Manager creates and manages the clusters under one kmctl home.
type Manager struct {
	// Home is kmctl's state dir (see Home).
	Home string
	// Log receives status lines.
	Log *log.Logger
	// Resolver finds or builds component binaries.
	Resolver *artifacts.Resolver
	// Self is the kmctl executable, which also runs the simulator.
	Self string
	// Ports allocates host ports; nil means free ports on 127.0.0.1.
	Ports ports.Allocator
	// GetEnv reads the environment (os.Getenv unless a test injects one).
	GetEnv func(string) string
}

// NewManager returns a manager for the environment kmctl runs in.
func NewManager(out io.Writer, verbosity int) (*Manager, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("cannot find the kmctl executable: %w", err)
	}
	home := Home(os.Getenv)
	if !filepath.IsAbs(home) {
		return nil, fmt.Errorf("cannot make the kmctl home %q absolute (is the current directory gone?); set KMCTL_HOME to an absolute path", home)
	}
	lg := log.New(out, verbosity)
	return &Manager{
		Home:     home,
		Log:      lg,
		Resolver: &artifacts.Resolver{CacheDir: artifacts.DefaultCacheDir(os.Getenv), Out: out},
		Self:     self,
		GetEnv:   os.Getenv,
	}, nil
}

// handle is a cluster loaded from its work dir.
type handle struct {
	cfg *Config
	// cfgOK is set when kmctl.yaml was read; otherwise cfg holds only the
	// name, and the runtime and kubeconfig are unknown.
	cfgOK bool
	l     layout
	rt    runtime.Runtime
	comps []components.Component
}

// open loads the named cluster; a cluster whose create never got far may
// have no config or no component list, and is still returned for deletion.
func (m *Manager) open(name string) (*handle, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	dir := Dir(m.Home, name)
	if _, err := os.Stat(dir); err != nil {
		return nil, notFound(m.Home, name)
	}
	h := &handle{l: layout{dir: dir}, cfg: &Config{Name: name}}
	var errs []error
	if cfg, err := loadConfig(dir); err == nil {
		h.cfg, h.cfgOK = cfg, true
	} else if !errors.Is(err, os.ErrNotExist) {
		errs = append(errs, err) // keep going: delete must still stop what runs
	}
	rt, err := m.newRuntime(h.cfg, dir)
	if err != nil {
		return h, err
	}
	h.rt = rt
	if err := loadYAML(h.l.components(), &h.comps); err != nil && !errors.Is(err, os.ErrNotExist) {
		errs = append(errs, err)
	}
	h.comps = components.Sort(h.comps)
	return h, errors.Join(errs...)
}

func (m *Manager) exists(name string) bool {
	_, err := os.Stat(Dir(m.Home, name))
	return err == nil
}

// userKubeconfig is the kubeconfig holding the cluster's context: the one
// saved at create, else (kmctl.yaml lost or damaged) the one create would pick
// by default, from $KUBECONFIG or ~/.kube/config.
func (m *Manager) userKubeconfig(cfg *Config) string {
	if cfg.Kubeconfig != "" {
		return cfg.Kubeconfig
	}
	getEnv := m.GetEnv
	if getEnv == nil {
		getEnv = os.Getenv
	}
	return kubeconfig.ResolvePath("", getEnv, func(p string) bool {
		_, err := os.Stat(p)
		return err == nil
	})
}

// Config returns the saved config of the named cluster.
func (m *Manager) Config(name string) (*Config, error) {
	h, err := m.open(name)
	if err != nil {
		return nil, err
	}
	return h.cfg, nil
}
