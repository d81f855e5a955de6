package pki

import (
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// generate runs Generate in a fresh temp dir and returns the dir.
func generate(t *testing.T, o Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pki")
	if err := Generate(dir, o); err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return dir
}

// readCert parses the PEM certificate at dir/name.
func readCert(t *testing.T, dir, name string) *x509.Certificate {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return mustParseCert(t, b)
}

// mustParseCert parses a PEM certificate.
func mustParseCert(t *testing.T, b []byte) *x509.Certificate {
	t.Helper()
	c, err := parseCert(b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// caPool returns a pool holding the CA of dir.
func caPool(t *testing.T, dir string) *x509.CertPool {
	t.Helper()
	b, err := ReadCA(dir)
	if err != nil {
		t.Fatalf("ReadCA: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		t.Fatal("CA PEM not appended")
	}
	return pool
}

// checkMode asserts the permission bits of dir/name.
func checkMode(t *testing.T, dir, name string, want fs.FileMode) {
	t.Helper()
	st, err := os.Stat(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s mode = %o, want %o", name, got, want)
	}
}

func TestGenerateAPIServerCert(t *testing.T) {
	dir := generate(t, Options{
		CommonName:   "kmctl-test-ca",
		APIServerDNS: []string{"kmctl-test-apiserver", "localhost"},
		APIServerIPs: []net.IP{net.ParseIP("172.18.0.2"), net.ParseIP("127.0.0.1")},
	})
	ca := readCert(t, dir, CACert)
	if ca.Subject.CommonName != "kmctl-test-ca" || !ca.IsCA || ca.KeyUsage&x509.KeyUsageCertSign == 0 {
		t.Fatalf("bad CA: CN=%q IsCA=%v usage=%v", ca.Subject.CommonName, ca.IsCA, ca.KeyUsage)
	}
	if ca.NotAfter.Before(time.Now().Add(9 * 365 * 24 * time.Hour)) {
		t.Errorf("CA NotAfter %v is less than ~10 years away", ca.NotAfter)
	}
	cert := readCert(t, dir, APIServerCert)
	pool := caPool(t, dir)
	names := []string{"127.0.0.1", "10.96.0.1", "172.18.0.2", "localhost", "kubernetes",
		"kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
		"kmctl-test-apiserver"}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			_, err := cert.Verify(x509.VerifyOptions{
				DNSName:   name,
				Roots:     pool,
				KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			})
			if err != nil {
				t.Errorf("verify %s: %v", name, err)
			}
		})
	}
	if n := len(cert.IPAddresses); n != 3 {
		t.Errorf("IP SANs %v: want 3 without duplicates", cert.IPAddresses)
	}
	if n := len(cert.DNSNames); n != 6 {
		t.Errorf("DNS SANs %v: want 6 without duplicates", cert.DNSNames)
	}
	if err := cert.VerifyHostname("not-in-cert.example"); err == nil {
		t.Error("unexpected name verified")
	}
}

func TestGenerateFileModes(t *testing.T) {
	dir := generate(t, Options{})
	tests := []struct {
		name string
		want fs.FileMode
	}{
		{CAKey, 0o600}, {APIServerKey, 0o600}, {ServiceAccountKey, 0o600},
		{CACert, 0o644}, {APIServerCert, 0o644}, {ServiceAccountPub, 0o644},
	}
	for _, tt := range tests {
		checkMode(t, dir, tt.name, tt.want)
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o700 {
		t.Errorf("dir mode = %o, want 700", got)
	}
	ca := readCert(t, dir, CACert)
	if ca.Subject.CommonName != defaultCAName {
		t.Errorf("default CA CN = %q", ca.Subject.CommonName)
	}
}

func TestServiceAccountKeyPair(t *testing.T) {
	dir := generate(t, Options{})
	keyPEM, err := os.ReadFile(filepath.Join(dir, ServiceAccountKey))
	if err != nil {
		t.Fatal(err)
	}
	signer, err := parseSigner(keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	priv, ok := signer.(*rsa.PrivateKey)
	if !ok || priv.N.BitLen() != 2048 {
		t.Fatalf("sa key is %T, want RSA 2048", signer)
	}
	pubPEM, err := os.ReadFile(filepath.Join(dir, ServiceAccountPub))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(pubPEM)
	if block == nil || block.Type != "PUBLIC KEY" {
		t.Fatal("sa.pub is not a PUBLIC KEY PEM")
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if !priv.PublicKey.Equal(pub) {
		t.Error("sa.pub does not match sa.key")
	}
}

func TestGenerateTwiceFails(t *testing.T) {
	dir := generate(t, Options{})
	before, err := ReadCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	err = Generate(dir, Options{})
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second Generate err = %v, want fs.ErrExist", err)
	}
	after, _ := ReadCA(dir)
	if string(before) != string(after) {
		t.Error("CA was overwritten")
	}
}

func TestIssueClient(t *testing.T) {
	dir := generate(t, Options{})
	pool := caPool(t, dir)
	tests := []struct {
		user   string
		groups []string
	}{
		{"kubernetes-admin", []string{"system:masters"}},
		{"system:kube-scheduler", nil},
		{"system:kube-controller-manager", nil},
		{"multi", []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.user, func(t *testing.T) {
			certPEM, keyPEM, err := IssueClient(dir, tt.user, tt.groups)
			if err != nil {
				t.Fatalf("IssueClient: %v", err)
			}
			cert := mustParseCert(t, certPEM)
			if cert.Subject.CommonName != tt.user {
				t.Errorf("CN = %q, want %q", cert.Subject.CommonName, tt.user)
			}
			if !slices.Equal(cert.Subject.Organization, tt.groups) {
				t.Errorf("O = %v, want %v", cert.Subject.Organization, tt.groups)
			}
			opts := x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
			if _, err := cert.Verify(opts); err != nil {
				t.Errorf("verify client auth: %v", err)
			}
			opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
			if _, err := cert.Verify(opts); err == nil {
				t.Error("client cert unexpectedly valid for server auth")
			}
			if _, err := tls.X509KeyPair(certPEM, keyPEM); err != nil {
				t.Errorf("tls.X509KeyPair: %v", err)
			}
		})
	}
}

func TestIssueErrors(t *testing.T) {
	dir := generate(t, Options{})
	empty := t.TempDir()
	tests := []struct {
		desc string
		fn   func() error
	}{
		{"client empty user", func() error { _, _, err := IssueClient(dir, "", nil); return err }},
		{"client no CA", func() error { _, _, err := IssueClient(empty, "u", nil); return err }},
	}
	for _, tt := range tests {
		if err := tt.fn(); err == nil {
			t.Errorf("%s: expected error", tt.desc)
		}
	}
}
