package cluster

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime/docker"
)

// printPlan prints every file create would write and every process it would
// start, with kmctl's own paths replaced by stable placeholders.
func (m *Manager) printPlan(out io.Writer, cfg *Config, l layout, user userFiles, comps []components.Component) error {
	replace := placeholders(map[string]string{
		m.Home: "$KMCTL_HOME", m.Resolver.CacheDir: "$KMCTL_CACHE", m.Self: "$KMCTL", m.GetEnv("HOME"): "$HOME",
	})
	x := printExecutor{out: out, replace: replace}
	fmt.Fprintf(out, "# cluster %q, %s runtime, Kubernetes %s\n", cfg.Name, runtimeName(cfg), cfg.KubeVersion)
	if err := writeFiles(x, cfg, l, user); err != nil {
		return err
	}
	for _, c := range comps {
		fmt.Fprintf(out, "start %s:\n", c.Name)
		if cfg.Runtime == docker.Name {
			printContainer(out, cfg, c, replace)
		}
		for _, e := range c.Env {
			fmt.Fprintf(out, "  env %s=%s\n", e.Name, replace.Replace(e.Value))
		}
		fmt.Fprintf(out, "  %s", replace.Replace(orPlaceholder(c.Binary, c.Name)))
		for _, a := range c.Args {
			fmt.Fprintf(out, " \\\n    %s", replace.Replace(a))
		}
		fmt.Fprintln(out)
		if c.Health != nil {
			fmt.Fprintf(out, "  wait for %s\n", c.Health.URL)
		}
	}
	fmt.Fprintf(out, "merge context %s into %s\n", ContextName(cfg.Name), replace.Replace(cfg.Kubeconfig))
	return nil
}

func runtimeName(cfg *Config) string {
	if cfg.Runtime == "" {
		return "binary"
	}
	return cfg.Runtime
}

// orPlaceholder names a binary that is not built yet.
func orPlaceholder(path, name string) string {
	if path == "" {
		return "<" + name + ": not built yet>"
	}
	return path
}

// placeholders replaces paths by names, longest path first so that a path
// inside another is not half-replaced.
func placeholders(paths map[string]string) *strings.Replacer {
	keys := make([]string, 0, len(paths))
	for k := range paths {
		if len(k) > 1 { // "" or "/" would replace every path
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || (len(keys[i]) == len(keys[j]) && keys[i] < keys[j])
	})
	pairs := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		pairs = append(pairs, k, paths[k])
	}
	return strings.NewReplacer(pairs...)
}

// printContainer shows how the docker runtime runs a component.
func printContainer(out io.Writer, cfg *Config, c components.Component, replace *strings.Replacer) {
	image := c.Image
	if image == "" {
		image = "<built from " + replace.Replace(c.Binary) + ">"
	}
	fmt.Fprintf(out, "  container %s on network %s, image %s\n", docker.ContainerName(cfg.Name, c.Name), "kmctl-"+cfg.Name, image)
	for _, p := range c.Ports {
		fmt.Fprintf(out, "  publish 127.0.0.1:%d -> %d (%s)\n", p.HostPort, p.Port, p.Name)
	}
	for _, mnt := range c.Mounts {
		mode := "rw"
		if mnt.ReadOnly {
			mode = "ro"
		}
		fmt.Fprintf(out, "  mount %s (%s)\n", replace.Replace(mnt.HostPath), mode)
	}
	fmt.Fprintf(out, "  entrypoint %s\n", c.ImageBinary)
}
