package artifacts

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// fakeGo imitates the go subcommands the recipes run: "mod download -json"
// points at $FAKE_GO_MOD, "mod tidy" does nothing and "build -o" writes
// small scripts. Every call is appended to $FAKE_GO_LOG.
const fakeGo = `#!/bin/sh
echo "$*" >> "$FAKE_GO_LOG"
if [ "$1 $2" = "mod download" ]; then
  if [ -n "$FAKE_GO_DLERR" ]; then
    printf '{"Path":"k8s.io/kubernetes","Error":"%s"}\n' "$FAKE_GO_DLERR"; exit 1
  fi
  printf '{"Path":"k8s.io/kubernetes","GoMod":"%s"}\n' "$FAKE_GO_MOD"; exit 0
fi
[ "$1 $2" = "mod tidy" ] && exit 0
[ "$1" = build ] || exit 3
[ -n "$FAKE_GO_SLEEP" ] && sleep "$FAKE_GO_SLEEP"
if [ -n "$FAKE_GO_FAIL" ]; then
  i=1; while [ $i -le 30 ]; do echo "noise line $i"; i=$((i+1)); done
  echo "pkg/foo.go:1: undefined: bar" >&2; exit 2
fi
prev=""; out=""
for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
case "$out" in
*/) mkdir -p "$out"
    for a in "$@"; do case "$a" in */cmd/*) printf '#!/bin/sh\necho fake\n' > "$out${a##*/}";; esac; done ;;
*)  mkdir -p "$(dirname "$out")"; printf '#!/bin/sh\necho fake\n' > "$out" ;;
esac
`

// fakeResolver returns a Resolver whose go command is fakeGo, and the path
// of the log of go invocations.
func fakeResolver(t *testing.T, extraEnv ...string) (*Resolver, string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake go command is a shell script")
	}
	dir := t.TempDir()
	goBin := filepath.Join(dir, "go")
	if err := os.WriteFile(goBin, []byte(fakeGo), 0o755); err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(dir, "kubernetes.mod")
	if err := os.WriteFile(mod, []byte(sampleKubeMod), 0o644); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "calls.log")
	env := append([]string{"FAKE_GO_MOD=" + mod, "FAKE_GO_LOG=" + log}, extraEnv...)
	return &Resolver{CacheDir: filepath.Join(dir, "cache"), GoBinary: goBin, Env: env}, log
}

// buildCalls counts the "go build" invocations in the fake go log.
func buildCalls(t *testing.T, log string) int {
	data, _ := os.ReadFile(log)
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "build ") {
			n++
		}
	}
	return n
}

func TestResolveBuildsGroupOnce(t *testing.T) {
	r, log := fakeResolver(t)
	var out bytes.Buffer
	r.Out = &out
	path, err := r.Resolve(context.Background(), Request{Name: KubeAPIServer})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(r.CacheDir, "bin/kubernetes-v1.34.4/kube-apiserver"); path != want {
		t.Errorf("Resolve = %q, want %q", path, want)
	}
	for _, name := range kubeBinaries {
		if _, ok := r.Cached(Request{Name: name}); !ok {
			t.Errorf("%s was not cached by the group build", name)
		}
	}
	if _, err := r.Resolve(context.Background(), Request{Name: Kubectl}); err != nil {
		t.Fatal(err)
	}
	if n := buildCalls(t, log); n != 1 {
		t.Errorf("go build ran %d times, want 1", n)
	}
	for _, want := range []string{
		"building kube-apiserver, kube-controller-manager, kube-scheduler, kubectl v1.34.4 from source (first time only, ~5 min)",
		"built kube-apiserver, kube-controller-manager, kube-scheduler, kubectl v1.34.4 in ",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	left, _ := filepath.Glob(filepath.Join(r.CacheDir, "build", "kubernetes-v1.34.4-*"))
	if len(left) != 0 {
		t.Errorf("work dirs left behind: %q", left)
	}
}

func TestConcurrentResolveBuildsOnce(t *testing.T) {
	r, log := fakeResolver(t, "FAKE_GO_SLEEP=0.3")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rr := *r // separate resolvers, as in separate kmctl processes
			_, errs[i] = rr.Resolve(context.Background(), Request{Name: Etcd})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := buildCalls(t, log); n != 1 {
		t.Errorf("go build ran %d times, want 1", n)
	}
}

func TestEnsureAllSkipsCachedGroups(t *testing.T) {
	r, log := fakeResolver(t)
	writeExecutable(t, filepath.Join(r.CacheDir, "bin/etcd-"+DefaultEtcdVersion, Etcd))
	if err := r.EnsureAll(context.Background(), Versions{}); err != nil {
		t.Fatal(err)
	}
	if n := buildCalls(t, log); n != 2 {
		t.Errorf("go build ran %d times, want 2 (kubernetes and prometheus)", n)
	}
	for _, name := range AllNames() {
		if _, ok := r.Cached(Request{Name: name}); !ok {
			t.Errorf("%s missing after EnsureAll", name)
		}
	}
}

func TestBuildFailureShowsCommandAndTail(t *testing.T) {
	r, _ := fakeResolver(t, "FAKE_GO_FAIL=1")
	_, err := r.Resolve(context.Background(), Request{Name: Etcd})
	if err == nil {
		t.Fatal("Resolve succeeded with a failing build")
	}
	msg := err.Error()
	for _, want := range []string{"building etcd " + DefaultEtcdVersion + " from source failed", "`go build -trimpath -ldflags \"-s -w\"", "undefined: bar", "noise line 30", "full log: "} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "noise line 5\n") {
		t.Errorf("error shows more than the last lines:\n%s", msg)
	}
	if _, ok := r.Cached(Request{Name: Etcd}); ok {
		t.Error("a failed build left a binary in the cache")
	}
	if _, err := os.Stat(filepath.Join(r.CacheDir, "build", "etcd-"+DefaultEtcdVersion+".lock")); !os.IsNotExist(err) {
		t.Errorf("lock file left after failure: %v", err)
	}
}

func TestUnknownVersionHint(t *testing.T) {
	r, _ := fakeResolver(t, "FAKE_GO_DLERR=This module version is not available.")
	_, err := r.Resolve(context.Background(), Request{Name: KubeAPIServer, Version: "v1.34.99"})
	if err == nil || !strings.Contains(err.Error(), "not available") || !strings.Contains(err.Error(), "check --kube-version") {
		t.Fatalf("error = %v, want the go tool's error and a --kube-version hint", err)
	}
}

func TestBuildHonorsCanceledContext(t *testing.T) {
	r, _ := fakeResolver(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Resolve(ctx, Request{Name: Etcd}); err == nil {
		t.Fatal("Resolve with a canceled context succeeded")
	}
}

// TestEnsureAllChecksEveryVersionFirst checks that a bad version of any group
// (malformed, wrong major, or a Prometheus release that cannot be built from
// source) fails before the other groups are built: no go command runs and no
// build log is created.
func TestEnsureAllChecksEveryVersionFirst(t *testing.T) {
	tests := []struct {
		versions Versions
		errHas   string
	}{
		{Versions{Prometheus: "4.0.0"}, `--prometheus-version "4.0.0": only major version 3`},
		{Versions{Kube: "v1.34.99", Etcd: "garbage"}, `--etcd-version "garbage": version must look like vMAJOR.MINOR.PATCH`},
		{Versions{Prometheus: "v3.100.0"}, `--prometheus-version "v3.100.0": only releases v3.0.0 to v3.99.x can be built from source`},
	}
	for _, tt := range tests {
		r, log := fakeResolver(t)
		var out bytes.Buffer
		r.Out = &out
		err := r.EnsureAll(context.Background(), tt.versions)
		if err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("EnsureAll(%+v) error = %v, want one containing %q", tt.versions, err, tt.errHas)
		}
		if _, err := os.Stat(log); !os.IsNotExist(err) {
			t.Errorf("EnsureAll(%+v) ran the go command before failing", tt.versions)
		}
		if _, err := os.Stat(filepath.Join(r.CacheDir, "build")); !os.IsNotExist(err) {
			t.Errorf("EnsureAll(%+v) created the build directory before failing", tt.versions)
		}
		if out.Len() != 0 {
			t.Errorf("EnsureAll(%+v) printed before failing:\n%s", tt.versions, out.String())
		}
	}
}

// TestResolveUnbuildablePrometheus checks that a well-formed Prometheus
// version beyond what the module numbering allows fails before a build
// starts, and that --dry-run's Check reports it, unless it is cached.
func TestResolveUnbuildablePrometheus(t *testing.T) {
	r, log := fakeResolver(t)
	req := Request{Name: Prometheus, Version: "v3.100.0"}
	if _, err := r.Resolve(context.Background(), req); err == nil || !strings.Contains(err.Error(), "v3.0.0 to v3.99.x") {
		t.Errorf("Resolve(%+v) error = %v, want the v3.99.x limit", req, err)
	}
	if _, err := os.Stat(log); !os.IsNotExist(err) {
		t.Error("Resolve ran the go command for an unbuildable version")
	}
	if _, err := os.Stat(filepath.Join(r.CacheDir, "build")); !os.IsNotExist(err) {
		t.Error("Resolve created the build directory for an unbuildable version")
	}
	if err := r.Check(req); err == nil || !strings.Contains(err.Error(), "--prometheus-version") {
		t.Errorf("Check(%+v) = %v, want the --prometheus-version limit", req, err)
	}
	writeExecutable(t, filepath.Join(r.CacheDir, "bin/prometheus-v3.100.0/prometheus"))
	if err := r.Check(req); err != nil {
		t.Errorf("Check of a cached v3.100.0: %v", err)
	}
	if _, err := r.CheckVersions(Versions{Prometheus: "3.100.0"}); err != nil {
		t.Errorf("CheckVersions with a cached v3.100.0: %v", err)
	}
}

// TestCheckVersions checks that versions get their "v" and defaults, and
// that one error names every bad version; etcd defaults to the release
// that goes with the Kubernetes version.
func TestCheckVersions(t *testing.T) {
	r := &Resolver{CacheDir: t.TempDir()}
	got, err := r.CheckVersions(Versions{Kube: "1.33.2", Prometheus: "3.5.0"})
	want := Versions{Kube: "v1.33.2", Etcd: "v3.5.24", Prometheus: "v3.5.0"}
	if err != nil || got != want {
		t.Errorf("CheckVersions = %+v, %v; want %+v", got, err, want)
	}
	_, err = r.CheckVersions(Versions{Kube: "v2.0.0", Etcd: "3.6.16", Prometheus: "v3.100.0"})
	for _, want := range []string{"--kube-version", "--prometheus-version"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckVersions error = %v, want one naming %s", err, want)
		}
	}
}
