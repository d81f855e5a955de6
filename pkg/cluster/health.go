package cluster

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"time"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

// logTailLines is how much of a failed component's log an error shows.
const logTailLines = 20

// waitHealthy polls the component's health URL until it answers 200, the
// component exits, or the deadline passes.
func waitHealthy(ctx context.Context, rt runtime.Runtime, c components.Component, timeout time.Duration) error {
	if c.Health == nil {
		return nil
	}
	client := &http.Client{
		Timeout: 2 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{InsecureSkipVerify: c.Health.Insecure}, //nolint:gosec // self-signed component certs on loopback
		},
	}
	defer client.CloseIdleConnections()
	deadline := time.Now().Add(timeout)
	var last string
	for {
		ok, why := probe(ctx, client, c.Health.URL)
		if ok {
			return nil
		}
		last = why
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// A runtime that cannot say (a busy Docker daemon) is asked again.
		if state, err := rt.State(ctx, c); err == nil && state != runtime.Running {
			return componentError(rt, c, "exited while starting ("+downReason(rt, c)+")")
		}
		if time.Now().After(deadline) {
			return componentError(rt, c, fmt.Sprintf("was not ready after %s (%s: %s)", timeout, c.Health.URL, last))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func probe(ctx context.Context, client *http.Client, url string) (bool, string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false, err.Error()
	}
	resp, err := client.Do(req)
	if err != nil {
		return false, err.Error()
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return false, resp.Status
	}
	return true, ""
}

// componentError says what went wrong with a component and shows its log tail.
func componentError(rt runtime.Runtime, c components.Component, what string) error {
	tail := rt.LogTail(c, logTailLines)
	if tail == "" {
		return fmt.Errorf("%s %s", c.Name, what)
	}
	return fmt.Errorf("%s %s; last lines of its log:\n%s", c.Name, what, indent(tail))
}

func indent(s string) string {
	out := "    "
	for _, r := range s {
		out += string(r)
		if r == '\n' {
			out += "    "
		}
	}
	return out
}

// downReason asks the runtime why a component is down, if it can tell.
func downReason(rt runtime.Runtime, c components.Component) string {
	if w, ok := rt.(interface {
		Why(components.Component) string
	}); ok {
		return w.Why(c)
	}
	return "stopped"
}
