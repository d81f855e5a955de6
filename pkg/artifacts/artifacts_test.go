package artifacts

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func TestDefaultCacheDir(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"xdg wins", map[string]string{"XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"}, "/x/cache/kmctl"},
		{"home", map[string]string{"HOME": "/home/u"}, "/home/u/.cache/kmctl"},
		{"neither", map[string]string{}, filepath.Join(os.TempDir(), "kmctl-cache")},
		{"relative", map[string]string{"XDG_CACHE_HOME": "c"}, filepath.Join(wd, "c", "kmctl")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DefaultCacheDir(func(k string) string { return tt.env[k] })
			if got != tt.want {
				t.Errorf("DefaultCacheDir = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCachedLayout(t *testing.T) {
	cache := t.TempDir()
	r := &Resolver{CacheDir: cache}
	tests := []struct {
		req  Request
		want string
	}{
		{Request{Name: KubeAPIServer}, "bin/kubernetes-v1.34.4/kube-apiserver"},
		{Request{Name: Kubectl, Version: "v1.33.1"}, "bin/kubernetes-v1.33.1/kubectl"},
		{Request{Name: Etcd, Version: "3.6.16"}, "bin/etcd-v3.6.16/etcd"},
		{Request{Name: Prometheus}, "bin/prometheus-" + DefaultPrometheusVersion + "/prometheus"},
	}
	for _, tt := range tests {
		path, ok := r.Cached(tt.req)
		if want := filepath.Join(cache, tt.want); path != want || ok {
			t.Errorf("Cached(%+v) = %q, %v; want %q, false", tt.req, path, ok, want)
		}
	}
	path := filepath.Join(cache, "bin/etcd-"+DefaultEtcdVersion+"/etcd")
	writeExecutable(t, path)
	if got, ok := r.Cached(Request{Name: Etcd}); got != path || !ok {
		t.Errorf("Cached(etcd) after build = %q, %v; want %q, true", got, ok, path)
	}
	if _, ok := r.Cached(Request{Name: Etcd, Version: "bogus"}); ok {
		t.Error("Cached with an invalid version reported ok")
	}
}

func TestResolveUsesCacheWithoutGo(t *testing.T) {
	cache := t.TempDir()
	path := filepath.Join(cache, "bin/kubernetes-v1.34.4/kubectl")
	writeExecutable(t, path)
	r := &Resolver{CacheDir: cache, GoBinary: "no-such-go-binary"}
	got, err := r.Resolve(context.Background(), Request{Name: Kubectl})
	if err != nil || got != path {
		t.Fatalf("Resolve = %q, %v; want %q", got, err, path)
	}
}

func TestResolveWithoutGoToolchain(t *testing.T) {
	r := &Resolver{CacheDir: t.TempDir(), GoBinary: "no-such-go-binary"}
	_, err := r.Resolve(context.Background(), Request{Name: KubeAPIServer})
	want := "no Go toolchain in PATH to build kube-apiserver v1.34.4 from source; install Go 1.24+ or pass --kube-apiserver-binary"
	if err == nil || err.Error() != want {
		t.Fatalf("Resolve error = %v, want %q", err, want)
	}
}

func TestResolveLocalOverride(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "etcd")
	writeExecutable(t, exe)
	plain := filepath.Join(dir, "plain")
	if err := os.WriteFile(plain, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &Resolver{CacheDir: t.TempDir()}
	got, err := r.Resolve(context.Background(), Request{Name: Etcd, Override: exe})
	if err != nil || got != exe {
		t.Errorf("Resolve(executable) = %q, %v; want %q", got, err, exe)
	}
	tests := map[string]string{
		filepath.Join(dir, "missing"): "--etcd-binary " + filepath.Join(dir, "missing") + ": file does not exist",
		plain:                         "file is not executable; run chmod +x " + plain,
		dir:                           "not a regular file",
	}
	for override, want := range tests {
		_, err := r.Resolve(context.Background(), Request{Name: Etcd, Override: override})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Resolve(%s) error = %v, want one containing %q", override, err, want)
		}
	}
}

func TestResolveLocalOverrideRelative(t *testing.T) {
	dir := t.TempDir()
	writeExecutable(t, filepath.Join(dir, "etcd"))
	t.Chdir(dir)
	r := &Resolver{CacheDir: t.TempDir()}
	got, err := r.Resolve(context.Background(), Request{Name: Etcd, Override: "./etcd"})
	if err != nil || !filepath.IsAbs(got) {
		t.Fatalf("Resolve(./etcd) = %q, %v; want an absolute path", got, err)
	}
}

func TestResolveURLOverrideDownloadsOnce(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		hits.Add(1)
		if req.URL.Path != "/etcd" {
			http.NotFound(w, req)
			return
		}
		w.Write([]byte("#!/bin/sh\necho fake etcd\n"))
	}))
	defer srv.Close()
	r := &Resolver{CacheDir: t.TempDir()}
	req := Request{Name: Etcd, Override: srv.URL + "/etcd"}
	if _, ok := r.Cached(req); ok {
		t.Fatal("Cached reported a download that has not happened")
	}
	first, err := r.Resolve(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	second, err := r.Resolve(context.Background(), req)
	if err != nil || second != first {
		t.Fatalf("second Resolve = %q, %v; want %q", second, err, first)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server got %d requests, want 1", n)
	}
	if !isExecutable(first) || !strings.HasPrefix(first, filepath.Join(r.CacheDir, "downloads")) || filepath.Base(first) != "etcd" {
		t.Errorf("download path %q is not an executable under downloads/", first)
	}
	if cached, ok := r.Cached(req); !ok || cached != first {
		t.Errorf("Cached = %q, %v; want %q, true", cached, ok, first)
	}
	_, err = r.Resolve(context.Background(), Request{Name: Etcd, Override: srv.URL + "/missing"})
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("Resolve of a 404 URL = %v, want an HTTP status error", err)
	}
	entries, _ := filepath.Glob(filepath.Join(r.CacheDir, "downloads", "*", "*"))
	if len(entries) != 1 {
		t.Errorf("downloads dir holds %q, want only the one good download", entries)
	}
}

// writeExecutable creates a small executable shell script at path.
func writeExecutable(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("#!/bin/sh\necho fake\n"), 0o755); err != nil {
		t.Fatal(err)
	}
}
