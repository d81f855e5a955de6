package cluster

import (
	"fmt"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
)

// printReady tells the user how to reach the new cluster.
func printReady(g *cmd.Globals, requested *cluster.Config, m *cluster.Manager, took time.Duration) {
	cfg, err := m.Config(requested.Name)
	if err != nil {
		cfg = requested
	}
	ctx := cluster.ContextName(cfg.Name)
	fmt.Fprintf(g.Out, "Cluster %q is ready (%s).\n", cfg.Name, took.Round(100*time.Millisecond))
	fmt.Fprintf(g.Out, "  kubectl --context %s get nodes\n", ctx)
	if cfg.Enabled(components.Prometheus) {
		fmt.Fprintf(g.Out, "  Prometheus: http://127.0.0.1:%d\n", cfg.Ports.Prometheus)
	}
	if cfg.Scheduler.Debug {
		fmt.Fprintf(g.Out, "  Scheduler profile: go tool pprof https+insecure://127.0.0.1:%d/debug/pprof/profile\n", cfg.Ports.Scheduler)
	}
	fmt.Fprintf(g.Out, "  Delete it: kmctl delete cluster --name %s\n", cfg.Name)
}
