package pki

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
)

// saKeyBits is the size of the service-account RSA key.
const saKeyBits = 2048

// IssueClient signs a client certificate with the CA in dir, with
// CN=user and O=groups, and returns the certificate and key PEMs. Typical
// users are kubernetes-admin (group system:masters), system:kube-scheduler
// and system:kube-controller-manager. Nothing is written to dir.
func IssueClient(dir, user string, groups []string) (certPEM, keyPEM []byte, err error) {
	if strings.TrimSpace(user) == "" {
		return nil, nil, errors.New("client certificate user is empty")
	}
	ca, err := loadCA(dir)
	if err != nil {
		return nil, nil, err
	}
	spec := leafSpec{
		cn:     user,
		orgs:   append([]string(nil), groups...),
		usages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	certPEM, keyPEM, err = ca.issue(spec)
	if err != nil {
		return nil, nil, fmt.Errorf("client certificate for %q: %w", user, err)
	}
	return certPEM, keyPEM, nil
}

// writeServing issues a ServerAuth certificate and writes <name>.crt/.key.
func writeServing(dir, name, cn string, ca *authority, dns []string, ips []net.IP) error {
	spec := leafSpec{
		cn:     cn,
		dns:    dns,
		ips:    ips,
		usages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	certPEM, keyPEM, err := ca.issue(spec)
	if err != nil {
		return err
	}
	return writePair(dir, name+".crt", name+".key", certPEM, keyPEM)
}

// writeServiceAccount generates the RSA service-account key pair and writes
// sa.key (PKCS#1) and sa.pub (PKIX "PUBLIC KEY").
func writeServiceAccount(dir string) error {
	key, err := newRSAKey(saKeyBits)
	if err != nil {
		return err
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return fmt.Errorf("marshal public key: %w", err)
	}
	keyPEM := encodeRSAKey(key)
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: pemPublicKey, Bytes: pub})
	if err := writeFile(filepath.Join(dir, ServiceAccountKey), keyPEM, keyMode); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, ServiceAccountPub), pubPEM, certMode)
}

// loadCA reads and parses the CA certificate and key in dir.
func loadCA(dir string) (*authority, error) {
	certPEM, err := ReadCA(dir)
	if err != nil {
		return nil, err
	}
	cert, err := parseCert(certPEM)
	if err != nil {
		return nil, fmt.Errorf("ca certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(filepath.Join(dir, CAKey))
	if err != nil {
		return nil, fmt.Errorf("read ca key: %w", err)
	}
	key, err := parseSigner(keyPEM)
	if err != nil {
		return nil, fmt.Errorf("ca key: %w", err)
	}
	if !cert.IsCA {
		return nil, errors.New("ca certificate is not a CA")
	}
	if pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool }); !ok || !pub.Equal(cert.PublicKey) {
		return nil, errors.New("ca key does not match ca certificate")
	}
	return &authority{cert: cert, key: key}, nil
}

// writePair writes a key (0600) then its certificate (0644) into dir.
func writePair(dir, certName, keyName string, certPEM, keyPEM []byte) error {
	if err := writeFile(filepath.Join(dir, keyName), keyPEM, keyMode); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, certName), certPEM, certMode)
}

// writeFile atomically writes data to path with the given mode: it writes a
// temporary file (created 0600) in the same directory, sets mode, and renames
// it over path, so a key is never briefly readable with wider permissions.
func writeFile(path string, data []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after a successful rename
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(name, mode); err != nil {
		return fmt.Errorf("chmod %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("rename %s: %w", path, err)
	}
	return nil
}
