package cluster

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kmctl/kmctl/pkg/pki"
)

// executor does everything create does to the disk, so a dry run can print it instead.
type executor interface {
	mkdir(path string) error
	writeFile(path string, data []byte, perm os.FileMode) error
	generatePKI(dir string, o pki.Options) error
	issueClient(dir, user string, groups []string) (cert, key []byte, err error)
}

// diskExecutor writes for real.
type diskExecutor struct{}

func (diskExecutor) mkdir(path string) error { return os.MkdirAll(path, 0o700) }

func (diskExecutor) writeFile(path string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, perm); err != nil {
		return fmt.Errorf("failed to write %s: %w", path, err)
	}
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func (diskExecutor) generatePKI(dir string, o pki.Options) error { return pki.Generate(dir, o) }

func (diskExecutor) issueClient(dir, user string, groups []string) ([]byte, []byte, error) {
	return pki.IssueClient(dir, user, groups)
}

// printExecutor prints what would be written; paths under home are shown as $KMCTL_HOME.
type printExecutor struct {
	out     io.Writer
	replace *strings.Replacer
}

func (p printExecutor) mkdir(path string) error {
	fmt.Fprintf(p.out, "mkdir -m 0700 -p %s\n", p.replace.Replace(path))
	return nil
}

func (p printExecutor) writeFile(path string, data []byte, perm os.FileMode) error {
	shown := p.replace.Replace(string(data))
	fmt.Fprintf(p.out, "write %s (mode %04o)\n", p.replace.Replace(path), perm)
	if strings.HasSuffix(path, ".yaml") {
		for _, line := range strings.Split(strings.TrimRight(shown, "\n"), "\n") {
			fmt.Fprintf(p.out, "  | %s\n", line)
		}
	}
	return nil
}

func (p printExecutor) generatePKI(dir string, o pki.Options) error {
	ips := make([]string, 0, len(o.APIServerIPs))
	for _, ip := range o.APIServerIPs {
		ips = append(ips, ip.String())
	}
	sort.Strings(ips)
	fmt.Fprintf(p.out, "generate CA %q, apiserver serving cert (IPs %s; DNS %s) and service-account keys in %s\n",
		o.CommonName, strings.Join(ips, ","), strings.Join(o.APIServerDNS, ","), p.replace.Replace(dir))
	return nil
}

func (p printExecutor) issueClient(dir, user string, groups []string) ([]byte, []byte, error) {
	fmt.Fprintf(p.out, "issue client cert CN=%s O=%s\n", user, strings.Join(groups, ","))
	return []byte("CERT"), []byte("KEY"), nil
}

// loopback is where every component listens in the binary runtime.
var loopback = net.ParseIP("127.0.0.1")
