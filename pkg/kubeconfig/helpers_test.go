package kubeconfig

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// richConfig has five contexts, preferences, top-level and per-entry
// extensions, exec and auth-provider users and fields client-go ignores.
const richConfig = `apiVersion: v1
kind: Config
current-context: ctx2
x-unknown-top: {keep: me}
preferences:
  colors: true
  extensions:
  - name: pref-ext
    extension: {a: 1}
extensions:
- name: top-ext
  extension:
    big: 9007199254740993
    nested: {k: v}
clusters:
- name: c1
  cluster:
    server: https://c1.example:6443
    certificate-authority-data: Y2E=
    extensions:
    - name: cluster-ext
      extension: {zone: z1}
- name: c2
  cluster: {server: https://c2.example, insecure-skip-tls-verify: true, x-unknown: 1}
- name: c3
  cluster: {server: https://c3.example, proxy-url: "http://proxy:3128", tls-server-name: c3}
- name: c4
  cluster: {server: https://c4.example}
- name: c5
  cluster: {server: https://c5.example, disable-compression: true}
users:
- name: u1
  user: {client-certificate-data: Y2VydA==, client-key-data: a2V5}
- name: u2
  user: {token: secret-token}
- name: u3
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: aws
      args: [eks, get-token, --cluster-name, prod]
      env: [{name: AWS_PROFILE, value: prod}]
      interactiveMode: IfAvailable
      provideClusterInfo: true
- name: u4
  user:
    auth-provider:
      name: oidc
      config: {client-id: kube, idp-issuer-url: "https://issuer"}
- name: u5
  user: {username: admin, password: hunter2}
contexts:
- name: ctx1
  context: {cluster: c1, user: u1, namespace: ns1}
- name: ctx2
  context: {cluster: c2, user: u2}
- name: ctx3
  context:
    cluster: c3
    user: u3
    extensions:
    - name: ctx-ext
      extension: {x: y}
- name: ctx4
  context: {cluster: c4, user: u4}
- name: ctx5
  context: {cluster: c5, user: u5}
`

// testEntry builds an entry for context name pointing at server.
func testEntry(t *testing.T, name, server string) []byte {
	t.Helper()
	out, err := Build(Options{
		Context:  name,
		Server:   server,
		CAData:   []byte("-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n"),
		CertData: []byte("-----BEGIN CERTIFICATE-----\ncert\n-----END CERTIFICATE-----\n"),
		KeyData:  []byte("-----BEGIN EC PRIVATE KEY-----\nkey\n-----END EC PRIVATE KEY-----\n"),
	})
	if err != nil {
		t.Fatalf("Build(%q): %v", name, err)
	}
	return out
}

// writeFile writes content to path with the given mode, creating parents.
func writeFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

// readFile returns the content of path or fails the test.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// loadConfig parses path with client-go.
func loadConfig(t *testing.T, path string) *clientcmdapi.Config {
	t.Helper()
	cfg, err := clientcmd.Load(readFile(t, path))
	if err != nil {
		t.Fatalf("clientcmd.Load(%s): %v", path, err)
	}
	return cfg
}

// parsed is a kubeconfig split into its named lists and remaining keys.
type parsed struct {
	lists map[string]map[string]interface{} // key -> name -> entry
	count map[string]int                    // key -> number of entries
	rest  map[string]interface{}            // every other top-level key
}

// parseGeneric decodes data generically for structural comparisons.
func parseGeneric(t *testing.T, data []byte) parsed {
	t.Helper()
	doc, err := decodeDocument(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	p := parsed{lists: map[string]map[string]interface{}{}, count: map[string]int{}, rest: map[string]interface{}{}}
	for k, v := range doc {
		p.rest[k] = v
	}
	for _, key := range []string{keyClusters, keyUsers, keyContexts} {
		list, err := doc.list(key)
		if err != nil {
			t.Fatal(err)
		}
		delete(p.rest, key)
		p.lists[key] = map[string]interface{}{}
		p.count[key] = len(list)
		for _, item := range list {
			p.lists[key][itemName(item)] = item
		}
	}
	return p
}

// assertUntouched checks that every entry of before except those in skip is
// present and unchanged in after, and so are the other top-level keys except
// current-context.
func assertUntouched(t *testing.T, before, after parsed, skip map[string]bool) {
	t.Helper()
	for key, entries := range before.lists {
		for name, want := range entries {
			if skip[name] {
				continue
			}
			if got := after.lists[key][name]; !reflect.DeepEqual(got, want) {
				t.Errorf("%s %q changed:\n got %#v\nwant %#v", key, name, got, want)
			}
		}
	}
	for k, want := range before.rest {
		if k == keyCurrent {
			continue
		}
		if got := after.rest[k]; !reflect.DeepEqual(got, want) {
			t.Errorf("top-level %q changed:\n got %#v\nwant %#v", k, got, want)
		}
	}
}

// assertMode checks the permission bits of path.
func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("mode of %s = %o, want %o", path, got, want)
	}
}

// setLockTiming overrides the lock tuning for one test.
func setLockTiming(t *testing.T, timeout, stale time.Duration) {
	t.Helper()
	oldTimeout, oldRetry, oldStale := lockTimeout, lockRetry, lockStaleAfter
	lockTimeout, lockRetry, lockStaleAfter = timeout, 10*time.Millisecond, stale
	t.Cleanup(func() { lockTimeout, lockRetry, lockStaleAfter = oldTimeout, oldRetry, oldStale })
}

// mergeErr is Merge without the previous current-context.
func mergeErr(path string, entry []byte) error {
	_, err := Merge(path, entry)
	return err
}

// mkdirAll creates dir and its parents.
func mkdirAll(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
}

// mustSymlink creates link pointing at dest.
func mustSymlink(t *testing.T, dest, link string) {
	t.Helper()
	if err := os.Symlink(dest, link); err != nil {
		t.Fatal(err)
	}
}
