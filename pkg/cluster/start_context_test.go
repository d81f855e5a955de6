package cluster

import (
	"context"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/tools/clientcmd"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/kubeconfig"
)

// fakeAPI answers the two requests waitAPI makes, over TLS.
func fakeAPI(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/v1/namespaces":
			_, _ = w.Write([]byte(`{"kind":"NamespaceList","apiVersion":"v1","metadata":{},"items":[]}`))
		case "/api/v1/namespaces/default/serviceaccounts/default":
			_, _ = w.Write([]byte(`{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"default","namespace":"default"}}`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// unmergedCluster writes what a create interrupted after the components
// started leaves: config, component list (one sleeper) and an admin
// kubeconfig for srv, but no context in the user's kubeconfig.
func unmergedCluster(t *testing.T, e *testEnv, name string, srv *httptest.Server) Config {
	t.Helper()
	comps := []components.Component{{Name: components.Etcd, Binary: "/bin/sleep", Args: []string{"300"}}}
	dir, cfg := savedCluster(t, e, name, comps)
	writeAdminKubeconfig(t, dir, name, srv.URL, srv)
	if err := (layout{dir: dir}).markUnfinished(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.m.Stop(context.Background(), name) })
	return cfg
}

func writeAdminKubeconfig(t *testing.T, dir, name, server string, srv *httptest.Server) {
	t.Helper()
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	entry, err := kubeconfig.Build(kubeconfig.Options{Context: ContextName(name), Server: server, CAData: ca})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, layout{dir: dir}.adminKubeconfig(), string(entry))
}

// TestStartMergesMissingContext checks that starting a cluster whose create
// never merged its context puts the context into the user's kubeconfig, and
// that a later start leaves an up-to-date context (and the user's choice of
// current context) alone.
func TestStartMergesMissingContext(t *testing.T) {
	e := newTestEnv(t, true)
	srv := fakeAPI(t)
	cfg := unmergedCluster(t, e, "late", srv)
	ctx := context.Background()
	if st, err := e.m.Status(ctx, "late"); err != nil || st.String() != "stopped (create did not finish)" {
		t.Errorf("status before Start = %q, %v; want stopped (create did not finish)", st, err)
	}
	if err := e.m.Start(ctx, "late", time.Minute); err != nil {
		t.Fatalf("Start: %v", err)
	}
	if st, err := e.m.Status(ctx, "late"); err != nil || st.String() != "running" {
		t.Errorf("status after Start = %q, %v; want running", st, err)
	}
	got, err := clientcmd.LoadFromFile(cfg.Kubeconfig)
	if err != nil {
		t.Fatalf("user kubeconfig after Start: %v", err)
	}
	c := got.Contexts[ContextName("late")]
	if c == nil || got.Clusters[c.Cluster] == nil || got.Clusters[c.Cluster].Server != srv.URL {
		t.Fatalf("user kubeconfig lacks context %s for %s: %+v", ContextName("late"), srv.URL, got)
	}

	entry, err := kubeconfig.Build(kubeconfig.Options{Context: "work", Server: "https://192.0.2.1:6443"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kubeconfig.Merge(cfg.Kubeconfig, entry); err != nil {
		t.Fatal(err)
	}
	if err := e.m.Start(ctx, "late", time.Minute); err != nil {
		t.Fatalf("second Start: %v", err)
	}
	if got, _ := clientcmd.LoadFromFile(cfg.Kubeconfig); got == nil || got.CurrentContext != "work" {
		t.Errorf("second Start switched the current context away from the user's choice: %+v", got)
	}
}

// TestStartLeavesAFinishedClustersKubeconfigAlone checks that after a
// finished create, start does not put back a context the user removed.
func TestStartLeavesAFinishedClustersKubeconfigAlone(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := unmergedCluster(t, e, "done", fakeAPI(t))
	if err := (layout{dir: Dir(e.home, "done")}).markFinished(); err != nil {
		t.Fatal(err)
	}
	if err := e.m.Start(context.Background(), "done", time.Minute); err != nil {
		t.Fatalf("Start: %v", err)
	}
	if _, err := os.Stat(cfg.Kubeconfig); !os.IsNotExist(err) {
		t.Errorf("Start wrote %s after a finished create: %v", cfg.Kubeconfig, err)
	}
}

// TestStartReportsUnwritableKubeconfig checks that a start that cannot set
// the context fails with an error naming the file and the way out.
func TestStartReportsUnwritableKubeconfig(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := unmergedCluster(t, e, "late", fakeAPI(t))
	writeFile(t, cfg.Kubeconfig, "contexts: [broken: kmctl-late\n")
	err := e.m.Start(context.Background(), "late", time.Minute)
	if err == nil {
		t.Fatal("Start with a malformed kubeconfig: want an error")
	}
	for _, want := range []string{cfg.Kubeconfig, ContextName("late"), "kmctl start cluster --name late"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if data, _ := os.ReadFile(cfg.Kubeconfig); string(data) != "contexts: [broken: kmctl-late\n" {
		t.Errorf("malformed kubeconfig was rewritten:\n%s", data)
	}
}
