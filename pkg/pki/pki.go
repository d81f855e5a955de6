// Package pki creates the certificate authority, serving and client
// certificates, and service-account key pair that a kmctl cluster needs.
//
// The CA key is RSA 2048 (its signature on client certificates is checked
// on every request, and RSA verifies faster than ECDSA); leaf certificates
// use ECDSA P-256 keys (cheap to generate); the service-account key pair is
// RSA 2048, which kube-apiserver and kube-controller-manager accept for
// signing and verifying tokens.
package pki

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Files written into a cluster's pki directory.
const (
	// CACert is the PEM CA certificate.
	CACert = "ca.crt"
	// CAKey is the PEM CA private key.
	CAKey = "ca.key"
	// APIServerCert is the PEM kube-apiserver serving certificate.
	APIServerCert = "apiserver.crt"
	// APIServerKey is the PEM kube-apiserver serving private key.
	APIServerKey = "apiserver.key"
	// ServiceAccountKey is the PEM (PKCS#1 "RSA PRIVATE KEY") service-account signing key.
	ServiceAccountKey = "sa.key"
	// ServiceAccountPub is the PEM ("PUBLIC KEY") service-account verification key.
	ServiceAccountPub = "sa.pub"
)

// Validity periods and defaults.
const (
	caValidity    = 10 * 365 * 24 * time.Hour
	leafValidity  = 365 * 24 * time.Hour
	clockSkew     = time.Hour
	defaultCAName = "kmctl-ca"
	apiServerCN   = "kube-apiserver"
)

// Permissions of files and the pki directory.
const (
	dirMode  fs.FileMode = 0o700
	keyMode  fs.FileMode = 0o600
	certMode fs.FileMode = 0o644
)

// defaultAPIServerIPs are always present in the apiserver certificate:
// loopback and the first IP of the default service CIDR (10.96.0.0/12).
var defaultAPIServerIPs = []net.IP{
	net.IPv4(127, 0, 0, 1),
	net.IPv4(10, 96, 0, 1),
}

// defaultAPIServerDNS are always present in the apiserver certificate.
var defaultAPIServerDNS = []string{
	"localhost",
	"kubernetes",
	"kubernetes.default",
	"kubernetes.default.svc",
	"kubernetes.default.svc.cluster.local",
}

// Options configures Generate.
type Options struct {
	// CommonName is the CA common name, e.g. "kmctl-perf-ca".
	// Defaults to "kmctl-ca" when empty.
	CommonName string
	// APIServerIPs are extra IP SANs for the apiserver certificate.
	// 127.0.0.1 and 10.96.0.1 are always added.
	APIServerIPs []net.IP
	// APIServerDNS are extra DNS SANs for the apiserver certificate
	// (e.g. container names). localhost, kubernetes, kubernetes.default,
	// kubernetes.default.svc and kubernetes.default.svc.cluster.local are
	// always added.
	APIServerDNS []string
}

// Generate creates, in dir (created 0700 if missing), a self-signed CA valid
// for 10 years, the apiserver serving certificate signed by it, and an RSA
// 2048 service-account key pair. Keys are written 0600, certificates 0644.
// It returns an error wrapping fs.ErrExist if dir already holds a CA.
func Generate(dir string, o Options) error {
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return fmt.Errorf("create pki dir: %w", err)
	}
	if err := ensureNoCA(dir); err != nil {
		return err
	}
	ca, err := writeCA(dir, o.CommonName)
	if err != nil {
		return err
	}
	dns := mergeDNS(defaultAPIServerDNS, o.APIServerDNS)
	ips := mergeIPs(defaultAPIServerIPs, o.APIServerIPs)
	if err := writeServing(dir, "apiserver", apiServerCN, ca, dns, ips); err != nil {
		return fmt.Errorf("apiserver certificate: %w", err)
	}
	if err := writeServiceAccount(dir); err != nil {
		return fmt.Errorf("service-account key: %w", err)
	}
	return nil
}

// ReadCA returns the CA certificate PEM stored in dir.
func ReadCA(dir string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(dir, CACert))
	if err != nil {
		return nil, fmt.Errorf("read ca certificate: %w", err)
	}
	return b, nil
}

// ensureNoCA fails if a CA certificate or key already exists in dir.
func ensureNoCA(dir string) error {
	for _, name := range []string{CACert, CAKey} {
		p := filepath.Join(dir, name)
		_, err := os.Stat(p)
		if err == nil {
			return fmt.Errorf("%s already exists: %w", p, fs.ErrExist)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("check %s: %w", p, err)
		}
	}
	return nil
}

// writeCA creates the self-signed CA and writes ca.crt / ca.key.
func writeCA(dir, cn string) (*authority, error) {
	if cn == "" {
		cn = defaultCAName
	}
	ca, certPEM, keyPEM, err := newCA(cn)
	if err != nil {
		return nil, err
	}
	if err := writePair(dir, CACert, CAKey, certPEM, keyPEM); err != nil {
		return nil, err
	}
	return ca, nil
}

// mergeDNS returns base followed by the extra names not already present
// (compared case-insensitively), skipping empty names.
func mergeDNS(base, extra []string) []string {
	out := make([]string, 0, len(base)+len(extra))
	for _, n := range append(append([]string{}, base...), extra...) {
		n = strings.TrimSpace(n)
		if n == "" || containsFold(out, n) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// containsFold reports whether list contains s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// mergeIPs returns base followed by the extra IPs not already present,
// skipping nil entries.
func mergeIPs(base, extra []net.IP) []net.IP {
	out := make([]net.IP, 0, len(base)+len(extra))
	for _, ip := range append(append([]net.IP{}, base...), extra...) {
		if ip == nil || containsIP(out, ip) {
			continue
		}
		out = append(out, ip)
	}
	return out
}

// containsIP reports whether list contains ip.
func containsIP(list []net.IP, ip net.IP) bool {
	for _, v := range list {
		if v.Equal(ip) {
			return true
		}
	}
	return false
}
