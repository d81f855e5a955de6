package cluster

import (
	"context"
	"errors"

	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/metrics"
	"github.com/kmctl/kmctl/pkg/runtime"
)

// daemonRuntime answers State the way the docker runtime does: with an error
// when its context is done or the daemon is busy, and otherwise what it is told.
type daemonRuntime struct {
	runtime.Runtime // only State and LogTail are called
	state           runtime.State
	stateErr        error
}

func (d *daemonRuntime) State(ctx context.Context, _ components.Component) (runtime.State, error) {
	if ctx.Err() != nil {
		return runtime.Stopped, ctx.Err()
	}
	return d.state, d.stateErr
}

func (d *daemonRuntime) LogTail(components.Component, int) string { return "" }
func (d *daemonRuntime) Usage(context.Context, components.Component) (metrics.ProcSample, error) {
	return metrics.ProcSample{}, errors.New("no process")
}

func notReady(t *testing.T) components.Component {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(srv.Close)
	return components.Component{Name: "kube-apiserver", Health: &components.Health{URL: srv.URL}}
}

// TestWaitHealthyInterrupted checks that Ctrl-C while a component starts is
// reported as an interruption, not as the component exiting.
func TestWaitHealthyInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	err := waitHealthy(ctx, &daemonRuntime{state: runtime.Running}, notReady(t), time.Minute)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestWaitHealthyAsksABusyRuntimeAgain checks that a State error is not taken
// for an exit: the wait goes on to its deadline.
func TestWaitHealthyAsksABusyRuntimeAgain(t *testing.T) {
	rt := &daemonRuntime{state: runtime.Stopped, stateErr: errors.New("daemon busy")}
	err := waitHealthy(context.Background(), rt, notReady(t), 600*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "was not ready after") {
		t.Fatalf("err = %v, want a not-ready error", err)
	}
}
