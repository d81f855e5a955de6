package benchrun

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/log"
	"github.com/kmctl/kmctl/pkg/workload"
)

// Clusters is what a run needs of a *cluster.Manager.
type Clusters interface {
	Create(ctx context.Context, cfg cluster.Config, o cluster.CreateOptions) error
	Delete(ctx context.Context, name string, opts ...cluster.DeleteOption) error
	Client(name string) (*kubernetes.Clientset, error)
	RESTConfig(name string) (*rest.Config, error)
	Config(name string) (*cluster.Config, error)
	Status(ctx context.Context, name string) (cluster.Status, error)
	StopComponent(ctx context.Context, name, component string) error
	StartComponent(ctx context.Context, name, component string, wait time.Duration) error
	Meter(name string) (*cluster.Meter, error)
	Components(name string) ([]components.Component, error)
}

// Env is where a run happens and what it writes to.
type Env struct {
	Clusters Clusters
	// Log takes status lines; Progress takes progress bars (both stderr).
	Log      *log.Logger
	Progress io.Writer
	// Out takes the summary table of each measured op (stdout).
	Out io.Writer
	// Version is kmctl's own version, for the result's environment.
	Version string
}

// Options say what to run where.
type Options struct {
	Workload *workload.Workload
	// Cluster is the cluster to run on.
	Cluster string
	// Create, when set, is a cluster to create for each repeat (named
	// Cluster) and delete after it unless Keep; CreateWait is create's --wait.
	Create     *cluster.Config
	CreateWait time.Duration
	// Keep leaves the workload's objects (or the created cluster) in place.
	Keep bool
	// Repeat runs the workload this many times, each into its own run-N dir.
	Repeat int
	// Profile names components to take a CPU profile of during measured ops.
	Profile []string
	// Output is the run dir; with Repeat > 1 it holds run-1, run-2...
	Output string
	// OpTimeout bounds each op that has no timeout of its own.
	OpTimeout time.Duration
	// Observer, when set, is told as each op starts and ends, so that a
	// caller can take readings of its own around the ops.
	Observer Observer
}

// Observer takes readings around a run's ops (kmctl benchmark's budget
// figures). Its calls come from the run's goroutine, in op order, and are
// not counted as the cost of measuring.
type Observer interface {
	// OpStarted is called before op i's work (and before its measuring).
	OpStarted(ctx context.Context, i int, op workload.Op)
	// OpEnded is called after op i, with its record and its error.
	OpEnded(ctx context.Context, i int, rec benchresult.Op, err error)
}

// DefaultOpTimeout bounds an op that waits (for nodes, pods, a barrier).
const DefaultOpTimeout = 30 * time.Minute

// Validate checks the options before anything is created.
func (o *Options) Validate() error {
	switch {
	case o.Workload == nil:
		return errors.New("no workload: name a built-in one (`kmctl bench list`) or a file")
	case o.Repeat < 1:
		return fmt.Errorf("--repeat must be at least 1, got %d", o.Repeat)
	case o.Output == "":
		return errors.New("no output dir: pass -o DIR")
	case o.OpTimeout <= 0:
		return fmt.Errorf("--op-timeout must be positive, got %s", o.OpTimeout)
	}
	if err := checkOutputDir(o.Output); err != nil {
		return err
	}
	return checkProfiles(o.Profile)
}

// checkOutputDir refuses a dir that holds anything: results are kept, never
// overwritten.
func checkOutputDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil // made with its parents once the run starts
	case err != nil:
		return fmt.Errorf("cannot use %s for results: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("%s already holds files; results are never overwritten: pick another -o", dir)
	}
	return nil
}

// ThresholdError says which thresholds a run missed; the command exits
// non-zero with it.
type ThresholdError struct{ Missed []benchresult.ThresholdResult }

func (e *ThresholdError) Error() string {
	msg := fmt.Sprintf("%d threshold(s) missed:", len(e.Missed))
	for _, t := range e.Missed {
		msg += "\n  " + describeThreshold(t)
	}
	return msg
}

// Run runs the workload o.Repeat times and writes each result; it returns
// the results (also those of a run an error stopped).
func Run(ctx context.Context, env Env, o Options) ([]*benchresult.Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.Create == nil {
		if err := checkRunning(ctx, env, o.Cluster); err != nil {
			return nil, err // before the run dir is made: bad input writes nothing
		}
	}
	if err := os.MkdirAll(o.Output, 0o755); err != nil {
		return nil, err
	}
	var results []*benchresult.Result
	var missed []benchresult.ThresholdResult
	for n := 1; n <= o.Repeat; n++ {
		dir := o.Output
		if o.Repeat > 1 {
			dir = benchresult.RepeatDir(o.Output, n)
		}
		res, err := runOnce(ctx, env, o, n, dir)
		if res != nil {
			results = append(results, res)
			missed = append(missed, failedThresholds(res)...)
		}
		if err != nil {
			return results, err
		}
	}
	if len(missed) > 0 {
		return results, &ThresholdError{Missed: missed}
	}
	return results, nil
}

// runOnce makes (or finds) the cluster, runs the ops and writes the result
// to dir, also when an op failed.
func runOnce(ctx context.Context, env Env, o Options, n int, dir string) (res *benchresult.Result, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if o.Create != nil {
		if err := createCluster(ctx, env, o); err != nil {
			return nil, err
		}
		if !o.Keep {
			defer func() { err = errors.Join(err, deleteCluster(env, o.Cluster)) }()
		}
	}
	r, err := newRun(ctx, env, o, n, dir)
	if err != nil {
		return nil, err
	}
	err = r.run(ctx)
	res = r.finish(err)
	if werr := writeResult(env, dir, res); werr != nil {
		err = errors.Join(err, werr)
	}
	return res, err
}
