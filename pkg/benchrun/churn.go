package benchrun

import (
	"context"
	"fmt"
	"time"

	"github.com/kmctl/kmctl/pkg/scale"
	"github.com/kmctl/kmctl/pkg/workload"
)

// churn creates op.Count pods every op.Interval for op.Duration; in
// recreate mode each batch is deleted one interval after it was created. It
// returns how many pods it created; the last batches are left for a later
// deletePods or the cleanup.
func (r *run) churn(ctx context.Context, i int) (int, error) {
	op := r.w.Ops[i]
	if err := r.ensureNamespace(ctx, namespaceOf(op)); err != nil {
		return 0, err
	}
	tick := time.NewTicker(op.Interval.Duration)
	defer tick.Stop()
	end := time.Now().Add(op.Duration.Duration)
	created, batch := 0, 0
	for {
		n, err := r.churnBatch(ctx, i, batch)
		created += n
		if err != nil {
			return created, err
		}
		if op.Mode == workload.ChurnRecreate && batch > 0 {
			if err := r.deleteBatch(ctx, i, batch-1); err != nil {
				return created, err
			}
		}
		batch++
		select {
		case <-ctx.Done():
			return created, ctx.Err()
		case <-tick.C:
		}
		if !time.Now().Before(end) {
			return created, nil
		}
	}
}

// batchPrefix names one churn batch's pods.
func (r *run) batchPrefix(i, batch int) string {
	return fmt.Sprintf("%s-b%d", r.prefixOf(i), batch)
}

// churnBatch creates one batch without a progress bar (one per interval
// would flood the terminal) and without waiting.
func (r *run) churnBatch(ctx context.Context, i, batch int) (int, error) {
	s, err := r.batchScaler(ctx, i, batch, r.w.Ops[i].Count)
	if err != nil {
		return 0, err
	}
	res, err := s.Run(ctx, r.client)
	return res.Created, err
}

func (r *run) deleteBatch(ctx context.Context, i, batch int) error {
	s, err := r.batchScaler(ctx, i, batch, 0)
	if err != nil {
		return err
	}
	_, err = s.Run(ctx, r.client)
	return err
}

func (r *run) batchScaler(ctx context.Context, i, batch, replicas int) (*scale.Scaler, error) {
	o, err := r.scaleOptions(ctx, i, r.batchPrefix(i, batch), replicas, false)
	if err != nil {
		return nil, err
	}
	o.Progress = nil
	return r.podScalerWith(i, o)
}
