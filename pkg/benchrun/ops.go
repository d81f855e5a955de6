package benchrun

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/kmctl/kmctl/pkg/workload"
)

// componentWait bounds a startComponent op's wait for the component to be
// healthy.
const componentWait = 2 * time.Minute

// do runs op i and returns how many pods it created.
func (r *run) do(ctx context.Context, i int) (int, error) {
	op := r.w.Ops[i]
	switch op.Op {
	case workload.OpCreateNodes:
		return 0, r.createNodes(ctx, i)
	case workload.OpCreatePods:
		return r.createPods(ctx, i)
	case workload.OpCreateAny:
		return 0, r.createAny(ctx, i)
	case workload.OpBarrier:
		return 0, r.barrier(ctx, op)
	case workload.OpChurn:
		return r.churn(ctx, i)
	case workload.OpDeletePods:
		return 0, r.deletePods(ctx, op)
	case workload.OpStopComponent:
		return 0, r.env.Clusters.StopComponent(ctx, r.o.Cluster, op.Component)
	case workload.OpStartComponent:
		return 0, r.env.Clusters.StartComponent(ctx, r.o.Cluster, op.Component, componentWait)
	case workload.OpSleep:
		return 0, sleep(ctx, op.Duration.Duration)
	}
	return 0, fmt.Errorf("unknown op %q", op.Op)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// namespaceOf is where an op's pods go.
func namespaceOf(op workload.Op) string {
	if op.Namespace != "" {
		return op.Namespace
	}
	return DefaultNamespace
}

// prefixOf names an op's objects.
func (r *run) prefixOf(i int) string {
	if p := r.w.Ops[i].Prefix; p != "" {
		return p
	}
	return strings.ToLower(r.w.OpName(i))
}

func newDialer() *net.Dialer {
	return &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
}
