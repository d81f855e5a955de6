package e2e

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kmctl/kmctl/pkg/benchresult"
)

// TestBenchRun runs SchedulingBasic small on the binary runtime and holds
// its figures against an independent watch of the same pods: bindings and
// Running transitions counted by the test itself must agree within 5%
// with the result's throughput and startup figures. It then runs a user
// workload with anti-affinity and the scheduler stopped while pods pile up,
// compares the two runs, and checks that a bad workload fails before any
// write.
func TestBenchRun(t *testing.T) {
	e := newEnv(t)
	name := uniqueName("bench")
	e.createCluster(name, "--runtime", "binary", "--disable", "prometheus")
	watch := startPodWatch(t, e, name)
	basic := filepath.Join(e.home, "runs", "basic")
	e.must(15*time.Minute, "bench", "run", "SchedulingBasic", "--name", name, "--profile", "kube-scheduler", "--repeat", "2",
		"--param", "nodes=100", "--param", "initPods=100", "--param", "pods=1500", "-o", basic)
	res1 := readResult(t, filepath.Join(basic, "run-1", "result.json"))
	res := readResult(t, filepath.Join(basic, "run-2", "result.json"))
	checkAgainstWatch(t, watch, measuredOp(t, res1), measuredOp(t, res))
	op := measuredOp(t, res)
	checkReportRenders(t, e, filepath.Join(basic, "run-2", "report.html"), op.Index)
	if len(res.Profiles) != 1 || len(res.Profiles[0].Top) == 0 {
		t.Errorf("--profile kube-scheduler gave %+v", res.Profiles)
	}
	if res.MeasuringCost.CoreShare <= 0 || res.MeasuringCost.CoreShare > 0.05 {
		t.Errorf("measuring cost %.3f of a core, want some and under 5%%", res.MeasuringCost.CoreShare)
	}

	mine := filepath.Join(e.home, "runs", "mine")
	workload := writeTemp(t, e, "backlog.yaml", userWorkload)
	e.must(15*time.Minute, "bench", "run", workload, "--name", name, "-o", mine)
	res2 := readResult(t, filepath.Join(mine, "result.json"))
	if m := measuredOp(t, res2); m.Metrics.SchedulingThroughput.Average <= 0 {
		t.Errorf("the backlog drained at %v pods/s", m.Metrics.SchedulingThroughput.Average)
	}
	out := e.must(time.Minute, "bench", "compare", filepath.Join(basic, "run-1"), filepath.Join(basic, "run-2"))
	if !strings.Contains(out, "measure") || !strings.Contains(out, "%") {
		t.Errorf("bench compare printed no figures with deltas:\n%s", out)
	}
	checkBadWorkload(t, e, name)
	checkProfiles(t, e, name)
}

// userWorkload has anti-affinity pods created while the scheduler is
// stopped, then measures the drain once it starts again.
const userWorkload = `apiVersion: kmctl.dev/v1alpha1
kind: Workload
metadata:
  name: AntiAffinityBacklog
params:
- {name: nodes, default: "50"}
- {name: pods, default: "40"}
ops:
- {op: createNodes, count: $nodes}
- {op: stopComponent, component: kube-scheduler}
- op: createPods
  name: backlog
  count: $pods
  wait: none
  templateText: |
    apiVersion: v1
    kind: Pod
    metadata:
      name: {{ quote .Name }}
      namespace: {{ quote .Namespace }}
      labels:
    {{- range $k, $v := .Labels }}
        {{ quote $k }}: {{ quote $v }}
    {{- end }}
        app: spread
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels: {app: spread}
            topologyKey: kubernetes.io/hostname
      containers:
      - name: app
        image: registry.k8s.io/pause:3.10
- {op: startCollectingMetrics, name: drain}
- {op: startComponent, component: kube-scheduler}
- {op: barrier, until: scheduled}
- {op: stopCollectingMetrics}
`

// checkBadWorkload runs a workload with an unknown op and checks the error
// names the file and line and that nothing was written.
func checkBadWorkload(t *testing.T, e *env, name string) {
	bad := writeTemp(t, e, "bad.yaml", "apiVersion: kmctl.dev/v1alpha1\nkind: Workload\nmetadata: {name: Bad}\nops:\n- {op: createNodes, count: 1}\n- {op: explode}\n")
	dir := filepath.Join(e.home, "runs", "bad")
	_, errOut, err := e.kmctl(time.Minute, "bench", "run", bad, "--name", name, "-o", dir)
	if err == nil || !strings.Contains(errOut, "bad.yaml:6") || !strings.Contains(errOut, "explode") {
		t.Errorf("a bad workload: %v\n%s", err, errOut)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a bad workload wrote %s", dir)
	}
	if out, _ := e.kubectl("--context=kmctl-"+name, "get", "nodes", "-l", "kmctl.dev/bench-run", "-o", "name"); strings.Contains(out, "node/") {
		t.Errorf("nodes left behind:\n%s", out)
	}
}

func readResult(t *testing.T, path string) *benchresult.Result {
	t.Helper()
	res, err := benchresult.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Error != "" {
		t.Fatalf("the run failed: %s", res.Error)
	}
	return res
}

// measuredOp is the last op with metrics.
func measuredOp(t *testing.T, res *benchresult.Result) benchresult.Op {
	t.Helper()
	for i := len(res.Ops) - 1; i >= 0; i-- {
		if res.Ops[i].Metrics != nil {
			return res.Ops[i]
		}
	}
	t.Fatalf("no measured op in %+v", res.Ops)
	return benchresult.Op{}
}

// checkAgainstWatch holds each repeat's figures against the test's own
// watch, and needs at least one repeat that neither watch had to list
// again during: a relist times the pods of its gap late, in one watch only.
func checkAgainstWatch(t *testing.T, w *podWatch, ops ...benchresult.Op) {
	t.Helper()
	checked := 0
	for _, op := range ops {
		start, end := measuredSpan(op)
		if relists := w.relistsIn(start, end); len(relists) > 0 || len(op.Metrics.WatchRelists) > 0 {
			t.Logf("repeat from %s not compared: relists of the test's watch %v, of kmctl's %v", start.Format(time.RFC3339), relists, op.Metrics.WatchRelists)
			continue
		}
		checked++
		compareWithWatch(t, op, w.times(op.Name))
	}
	if checked == 0 {
		t.Errorf("no repeat to compare: a watch listed again in every one")
	}
}

// measuredSpan is the op's measured span.
func measuredSpan(op benchresult.Op) (time.Time, time.Time) {
	start := op.Metrics.Started
	return start, start.Add(time.Duration(op.Metrics.Seconds * float64(time.Second)))
}

// compareWithWatch holds one op's figures against the test's watch.
func compareWithWatch(t *testing.T, op benchresult.Op, pods []podSeen) {
	t.Helper()
	m := op.Metrics
	start, end := measuredSpan(op)
	bound := 0
	var startup []float64
	for _, p := range pods {
		if p.created.Before(start) || p.created.After(end) {
			continue // a pod of another repeat
		}
		if !p.bound.IsZero() && !p.bound.Before(start) && !p.bound.After(end) {
			bound++
		}
		if !p.running.IsZero() {
			startup = append(startup, p.running.Sub(p.created).Seconds())
		}
	}
	counted := 0.0
	for _, w := range m.SchedulingThroughput.Windows {
		counted += w
	}
	if bound == 0 || !near(counted, float64(bound), 0.05, 1) {
		t.Errorf("bindings: result %v in windows, the test's watch %d", counted, bound)
	}
	avg := float64(bound) / end.Sub(start).Seconds()
	if !near(m.SchedulingThroughput.Average, avg, 0.05, 0) {
		t.Errorf("average throughput: result %.1f pods/s, the test's watch %.1f", m.SchedulingThroughput.Average, avg)
	}
	st := m.Startup["pod_startup"]
	if st.Count != len(startup) && !near(float64(st.Count), float64(len(startup)), 0.05, 1) {
		t.Errorf("pods timed: result %d, the test's watch %d", st.Count, len(startup))
	}
	sort.Float64s(startup)
	logPhases(t, m, pods, start, end)
	for _, q := range []struct {
		name      string
		got, want float64
		rel       float64
	}{{"p50", st.Perc50, rank(startup, 0.5), 0.05}, {"p99", st.Perc99, rank(startup, 0.99), 0.1}} {
		// Two watches see the same event a few milliseconds apart; in the
		// tail (the 15 slowest of 1500 pods), a burst delivered to one watch
		// a little later moves the p99 by several percent.
		if !near(q.got, q.want, q.rel, 0.05) {
			t.Errorf("pod_startup %s: result %.3f s, the test's watch %.3f s", q.name, q.got, q.want)
		}
	}
}

// logPhases logs the two watches' p50 of each startup phase, so that a
// disagreement shows which event one watch saw late.
func logPhases(t *testing.T, m *benchresult.Metrics, pods []podSeen, start, end time.Time) {
	t.Helper()
	var toSchedule, toRun []float64
	for _, p := range pods {
		if p.created.Before(start) || p.created.After(end) || p.bound.IsZero() {
			continue
		}
		toSchedule = append(toSchedule, p.bound.Sub(p.created).Seconds())
		if !p.running.IsZero() {
			toRun = append(toRun, p.running.Sub(p.bound).Seconds())
		}
	}
	sort.Float64s(toSchedule)
	sort.Float64s(toRun)
	t.Logf("create_to_schedule p50: result %.3f s, the test's watch %.3f s; schedule_to_run p50: result %.3f s, the test's watch %.3f s",
		m.Startup["create_to_schedule"].Perc50, rank(toSchedule, 0.5), m.Startup["schedule_to_run"].Perc50, rank(toRun, 0.5))
}

// near tells whether got is within rel of want, or within abs.
func near(got, want, rel, abs float64) bool {
	d := math.Abs(got - want)
	return d <= abs || d <= rel*math.Abs(want)
}

func rank(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// podSeen is when the test's own watch saw a pod created, bound, Running.
type podSeen struct {
	prefix                  string
	created, bound, running time.Time
}

// podWatch is the test's own watch of every pod.
type podWatch struct {
	mu      sync.Mutex
	pods    map[types.UID]*podSeen
	lists   int
	relists []time.Time
	// synced closes when the first list is in.
	synced   chan struct{}
	syncOnce sync.Once
}

func startPodWatch(t *testing.T, e *env, name string) *podWatch {
	t.Helper()
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(
		&clientcmd.ClientConfigLoadingRules{ExplicitPath: e.kubeconfigPath()},
		&clientcmd.ConfigOverrides{CurrentContext: "kmctl-" + name}).ClientConfig()
	if err != nil {
		t.Fatal(err)
	}
	// Protobuf, and a store that keeps only times, keep this watch as cheap
	// as kmctl's, so that neither falls behind the other on a busy machine.
	cfg.ContentType = "application/vnd.kubernetes.protobuf"
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	w := &podWatch{pods: map[types.UID]*podSeen{}, synced: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	lw := &cache.ListWatch{
		ListFunc: func(o metav1.ListOptions) (runtime.Object, error) {
			w.listing()
			return client.CoreV1().Pods("").List(ctx, o)
		},
		WatchFunc: func(o metav1.ListOptions) (watch.Interface, error) {
			return client.CoreV1().Pods("").Watch(ctx, o)
		},
	}
	// The watch's own store times each event as the reflector decodes it,
	// with no queue between: an informer's queue lags a burst of creations
	// by a few hundred milliseconds on a busy machine.
	r := cache.NewReflectorWithOptions(lw, &corev1.Pod{}, w, cache.ReflectorOptions{Name: "e2e pod watch"})
	go r.RunWithContext(ctx)
	select {
	case <-w.synced:
	case <-time.After(time.Minute):
		t.Fatal("the test's pod watch did not list in a minute")
	}
	return w
}

// Add, Update, Delete, Replace and Resync make the watch the reflector's
// store.
func (w *podWatch) Add(obj any) error    { w.observe(obj); return nil }
func (w *podWatch) Update(obj any) error { w.observe(obj); return nil }
func (w *podWatch) Delete(any) error     { return nil }
func (w *podWatch) Resync() error        { return nil }
func (w *podWatch) Replace(items []any, _ string) error {
	for _, obj := range items {
		w.observe(obj)
	}
	w.syncOnce.Do(func() { close(w.synced) })
	return nil
}

// listing notes each list after the first: the watch ended and listed
// again.
func (w *podWatch) listing() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.lists++; w.lists > 1 {
		w.relists = append(w.relists, time.Now())
	}
}

// relistsIn are the relists between start and end.
func (w *podWatch) relistsIn(start, end time.Time) []time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []time.Time
	for _, at := range w.relists {
		if !at.Before(start) && !at.After(end) {
			out = append(out, at)
		}
	}
	return out
}

func (w *podWatch) observe(obj any) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return
	}
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	p := w.pods[pod.UID]
	if p == nil {
		p = &podSeen{prefix: pod.Labels["kmctl.dev/scale"], created: now}
		w.pods[pod.UID] = p
	}
	if pod.Spec.NodeName != "" && p.bound.IsZero() {
		p.bound = now
	}
	if pod.Status.Phase == corev1.PodRunning && p.running.IsZero() {
		p.running = now
	}
}

// times are the pods of one createPods op (its prefix is its name).
func (w *podWatch) times(op string) []podSeen {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []podSeen
	for _, p := range w.pods {
		if p.prefix == strings.ToLower(op) {
			out = append(out, *p)
		}
	}
	return out
}
