package profile

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// heapProfile is a real pprof profile of this test process.
func heapProfile(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pprof.Lookup("heap").WriteTo(&buf, 0); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFetch(t *testing.T) {
	prof := heapProfile(t)
	var got []string
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.RequestURI())
		switch r.URL.Path {
		case "/debug/pprof/profile", "/debug/pprof/heap":
			_, _ = w.Write(prof)
		case "/debug/pprof/goroutine":
			_, _ = w.Write([]byte("not a profile"))
		default:
			http.Error(w, "forbidden: User \"x\" cannot get path", http.StatusForbidden)
		}
	}))
	defer srv.Close()
	tg := Target{Component: "kube-scheduler", Base: srv.URL, Client: srv.Client()}
	ctx := context.Background()
	if _, err := Fetch(ctx, tg, "cpu", 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if _, err := Fetch(ctx, tg, "heap", 0); err != nil {
		t.Fatal(err)
	}
	if got[0] != "/debug/pprof/profile?seconds=5" || got[1] != "/debug/pprof/heap" {
		t.Errorf("requests = %v", got)
	}
	if _, err := Fetch(ctx, tg, "goroutine", 0); err == nil || !strings.Contains(err.Error(), "not a pprof profile: not a profile") {
		t.Errorf("garbage: %v", err)
	}
	if _, err := Fetch(ctx, tg, "block", 0); err == nil || !strings.Contains(err.Error(), "403 Forbidden") || !strings.Contains(err.Error(), "cannot get path") {
		t.Errorf("refused: %v", err)
	}
	for typ, want := range map[string]string{"cpu": "at least 1s", "trace": `no profile type "trace"`} {
		if _, err := Fetch(ctx, tg, typ, 0); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", typ, err, want)
		}
	}
	if _, err := NewTarget(nil, nil, "etcd"); err == nil || !strings.Contains(err.Error(), "pick one of kube-scheduler") {
		t.Errorf("etcd: %v", err)
	}
}
