package kubeconfig

import (
	"bytes"
	"strings"
	"testing"

	"k8s.io/client-go/tools/clientcmd"
)

func TestBuild(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"full", Options{Context: "kmctl-perf", Server: "https://127.0.0.1:6443",
			CAData: []byte("ca-pem"), CertData: []byte("cert-pem"), KeyData: []byte("key-pem"), Namespace: "bench"}},
		{"no namespace", Options{Context: "kmctl-a", Server: "https://127.0.0.1:7443",
			CAData: []byte("ca"), CertData: []byte("c"), KeyData: []byte("k")}},
		{"no client cert", Options{Context: "kmctl-b", Server: "https://127.0.0.1:8443", CAData: []byte("ca")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Build(tc.opts)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			cfg, err := clientcmd.Load(out)
			if err != nil {
				t.Fatalf("clientcmd.Load: %v\n%s", err, out)
			}
			o := tc.opts
			if cfg.CurrentContext != o.Context {
				t.Errorf("current-context = %q, want %q", cfg.CurrentContext, o.Context)
			}
			if len(cfg.Clusters) != 1 || len(cfg.AuthInfos) != 1 || len(cfg.Contexts) != 1 {
				t.Fatalf("want exactly one cluster/user/context, got %d/%d/%d", len(cfg.Clusters), len(cfg.AuthInfos), len(cfg.Contexts))
			}
			ctx := cfg.Contexts[o.Context]
			if ctx == nil || ctx.Cluster != o.Context || ctx.AuthInfo != o.Context || ctx.Namespace != o.Namespace {
				t.Fatalf("context = %+v", ctx)
			}
			cl := cfg.Clusters[o.Context]
			if cl.Server != o.Server || !bytes.Equal(cl.CertificateAuthorityData, o.CAData) {
				t.Errorf("cluster = %+v", cl)
			}
			u := cfg.AuthInfos[o.Context]
			if !bytes.Equal(u.ClientCertificateData, o.CertData) || !bytes.Equal(u.ClientKeyData, o.KeyData) {
				t.Errorf("user = %+v", u)
			}
		})
	}
}

func TestBuildRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"no context", Options{Server: "https://x"}, "context name is empty"},
		{"no server", Options{Context: "a"}, "server URL is empty"},
		{"cert without key", Options{Context: "a", Server: "https://x", CertData: []byte("c")}, "cert and key"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Build error = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
