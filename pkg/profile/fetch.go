package profile

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/pprof/profile"
	"k8s.io/client-go/rest"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/cluster"
)

// Types are the profiles Fetch takes, as net/http/pprof names them.
var Types = []string{"cpu", "heap", "goroutine", "mutex", "block", "allocs"}

// Components are the components Fetch reaches.
var Components = []string{components.KubeScheduler, components.KubeAPIServer, components.KubeControllerManager, components.Simulator}

// Target is one component's /debug/pprof and a client that may read it.
type Target struct {
	Component string
	// Base is the component's address, e.g. https://127.0.0.1:10259.
	Base   string
	Client *http.Client
}

// NewTarget reaches a component of a cluster on 127.0.0.1 (every runtime
// publishes the ports there). The apiserver is read as the cluster's admin;
// the scheduler and controller-manager take the same client certificate
// (they authenticate it with the cluster's CA and ask the apiserver whether
// the admin may read /debug, which it may), over their self-signed serving
// certificates; the simulator serves pprof on its metrics port.
func NewTarget(cfg *cluster.Config, admin *rest.Config, component string) (Target, error) {
	t := Target{Component: component}
	switch component {
	case components.KubeAPIServer:
		c, err := rest.HTTPClientFor(admin)
		if err != nil {
			return t, err
		}
		t.Base, t.Client = strings.TrimSuffix(admin.Host, "/"), c
	case components.KubeScheduler, components.KubeControllerManager:
		c, err := componentClient(admin)
		if err != nil {
			return t, err
		}
		port := cfg.Ports.Scheduler
		if component == components.KubeControllerManager {
			port = cfg.Ports.ControllerManager
		}
		t.Base, t.Client = fmt.Sprintf("https://127.0.0.1:%d", port), c
	case components.Simulator:
		t.Base, t.Client = fmt.Sprintf("http://127.0.0.1:%d", cfg.Ports.Simulator), &http.Client{}
	default:
		return t, fmt.Errorf("cannot profile %q; pick one of %s", component, strings.Join(Components, ", "))
	}
	return t, nil
}

// componentClient presents the admin's client certificate and accepts the
// component's self-signed serving certificate (it listens on 127.0.0.1 only).
func componentClient(admin *rest.Config) (*http.Client, error) {
	tc, err := rest.TLSConfigFor(admin)
	if err != nil {
		return nil, err
	}
	if tc == nil {
		tc = &tls.Config{}
	}
	tc.RootCAs, tc.InsecureSkipVerify = nil, true //nolint:gosec // self-signed on 127.0.0.1
	return &http.Client{Transport: &http.Transport{TLSClientConfig: tc}}, nil
}

// Path is the pprof path of a profile type, with its query.
func Path(typ string, d time.Duration) (string, error) {
	switch typ {
	case "cpu":
		if d < time.Second {
			return "", fmt.Errorf("a CPU profile needs at least 1s, got %s", d)
		}
		return fmt.Sprintf("/debug/pprof/profile?seconds=%d", int(d.Seconds())), nil
	case "heap", "goroutine", "mutex", "block", "allocs":
		return "/debug/pprof/" + typ, nil
	}
	return "", fmt.Errorf("no profile type %q; pick one of %s", typ, strings.Join(Types, ", "))
}

// Fetch takes one profile and checks that it is a pprof profile; d is a CPU
// profile's length.
func Fetch(ctx context.Context, t Target, typ string, d time.Duration) ([]byte, error) {
	path, err := Path(typ, d)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.Base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := t.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cannot reach %s at %s (is it running? `kmctl get clusters`): %w", t.Component, t.Base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("reading the profile of %s: %w", t.Component, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s to %s: %s", t.Component, resp.Status, redact(path), excerpt(body))
	}
	if _, err := profile.ParseData(body); err != nil {
		return nil, fmt.Errorf("%s sent something that is not a pprof profile: %s", t.Component, excerpt(body))
	}
	return body, nil
}

func redact(path string) string {
	if u, err := url.Parse(path); err == nil {
		return u.Path
	}
	return path
}

// excerpt is the start of a body, for an error message.
func excerpt(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
