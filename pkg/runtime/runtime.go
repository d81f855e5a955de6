// Package runtime defines how kmctl runs a component. A runtime knows nothing
// about Kubernetes flags: it starts, stops, inspects and tails what a
// components.Component describes.
package runtime

import (
	"context"
	"io"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/metrics"
)

// State is what a runtime knows of one component.
type State string

// The states a component can be in.
const (
	Running State = "running"
	Stopped State = "stopped"
	Missing State = "missing"
)

// Runtime runs the components of one cluster.
type Runtime interface {
	// Name is "binary" or "docker".
	Name() string
	// Start launches the component and returns once it is started (not ready).
	Start(ctx context.Context, c components.Component) error
	// Stop stops the component if it runs; stopping a stopped one is no error.
	Stop(ctx context.Context, c components.Component) error
	// State reports whether the component runs.
	State(ctx context.Context, c components.Component) (State, error)
	// Logs copies the component's log to w, following it when follow is set,
	// until ctx is done.
	Logs(ctx context.Context, c components.Component, follow bool, w io.Writer) error
	// LogTail returns the last lines of the component's log, for error messages.
	LogTail(c components.Component, lines int) string
	// Usage is what the component's running process has used since it
	// started (CPU-seconds) and holds now (resident memory): the binary
	// runtime reads /proc, the docker runtime asks the Engine API, so a
	// daemon whose processes the host cannot see is measured too.
	Usage(ctx context.Context, c components.Component) (metrics.ProcSample, error)
	// Remove deletes what the runtime keeps for the cluster beyond the work dir
	// (containers, networks); the binary runtime has nothing to remove.
	Remove(ctx context.Context, list []components.Component) error
}

// Discoverer is a runtime that can find the components it runs, or ran, for
// its cluster without the saved component list, so that delete can still
// stop them when that list is lost or damaged. The components it returns
// carry what the runtime needs to stop and remove them (their Name, and for
// local processes the Binary recorded at start), nothing more.
type Discoverer interface {
	Discover(ctx context.Context) ([]components.Component, error)
}
