package benchrun

import (
	"context"
	"fmt"
	"time"

	"github.com/kmctl/kmctl/pkg/cluster"
)

// deleteTimeout bounds the deletion of a created cluster, which must happen
// even after Ctrl-C.
const deleteTimeout = 3 * time.Minute

// createCluster creates the run's own cluster, refusing an existing name.
func createCluster(ctx context.Context, env Env, o Options) error {
	if _, err := env.Clusters.Config(o.Cluster); err == nil {
		return fmt.Errorf("cluster %q already exists and --create makes a fresh one: pick another --name, or drop --create to run on it", o.Cluster)
	}
	cfg := *o.Create
	cfg.Name = o.Cluster
	env.Log.Infof("Creating cluster %q for the run", o.Cluster)
	return env.Clusters.Create(ctx, cfg, cluster.CreateOptions{Wait: o.CreateWait})
}

// deleteCluster deletes the run's own cluster on a fresh context, so that
// Ctrl-C still cleans up.
func deleteCluster(env Env, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), deleteTimeout)
	defer cancel()
	env.Log.Infof("Deleting cluster %q", name)
	return env.Clusters.Delete(ctx, name)
}

// checkRunning refuses a cluster that is not fully up: a stopped scheduler
// or simulator would make every figure wrong.
func checkRunning(ctx context.Context, env Env, name string) error {
	st, err := env.Clusters.Status(ctx, name)
	if err != nil {
		return err
	}
	if st.State != "running" {
		return fmt.Errorf("cluster %q is %s; the run needs every component up: `kmctl start cluster --name %s`", name, st, name)
	}
	return nil
}
