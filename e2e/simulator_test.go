package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestSimulatedWorkloads runs what a user runs on a simulated cluster:
// Deployments, DaemonSets, Jobs, drains, unschedulable pods, scale to zero.
func TestSimulatedWorkloads(t *testing.T) {
	e := newEnv(t)
	name := uniqueName("sim")
	ctx := "--context=kmctl-" + name
	const grace = 20 * time.Second
	e.createCluster(name, "--runtime", "binary", "--disable", "prometheus", "--node-monitor-grace-period", grace.String())
	start := time.Now()
	e.must(5*time.Minute, "scale", "node", "--name", name, "--replicas", "100", "--gpu", "8", "--cpu", "16", "--memory", "64Gi")
	t.Logf("100 nodes Ready in %s", time.Since(start).Round(time.Millisecond))
	stopWatch := watchNodesReady(t, e, ctx)

	t.Run("a Deployment of 300 replicas becomes available", func(t *testing.T) {
		e.mustKubectl(ctx, "create", "deployment", "web", "--image=registry.k8s.io/pause:3.10", "--replicas=300")
		e.mustKubectl(ctx, "rollout", "status", "deployment/web", "--timeout=3m")
	})
	t.Run("a DaemonSet runs on every node", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "ds.yaml", daemonSet))
		e.mustKubectl(ctx, "rollout", "status", "daemonset/agent", "--timeout=3m")
		ready := e.mustKubectl(ctx, "get", "ds", "agent", "-o", "jsonpath={.status.numberReady}")
		if ready != "100" {
			t.Fatalf("daemonset ready on %s nodes, want 100", ready)
		}
	})
	t.Run("a Job completes", func(t *testing.T) {
		e.mustKubectl(ctx, "create", "job", "once", "--image=busybox", "--", "true")
		e.mustKubectl(ctx, "wait", "--for=condition=complete", "job/once", "--timeout=2m")
	})
	t.Run("a Job of pause containers keeps parallelism pods Running until deleted", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "pausejob.yaml", pauseJob))
		running := func() string {
			return e.mustKubectl(ctx, "get", "job", "pauses", "-o", "jsonpath={.status.active}/{.status.succeeded}")
		}
		eventually(t, time.Minute, "10 active pods", func() error {
			if got := running(); got != "10/" {
				return fmt.Errorf("active/succeeded %q", got)
			}
			return nil
		})
		time.Sleep(5 * time.Second) // a completed pod would show by now (--job-complete-delay 0)
		if got := running(); got != "10/" {
			t.Fatalf("active/succeeded %q after 5 s, want 10 active and none succeeded", got)
		}
		e.mustKubectl(ctx, "delete", "job", "pauses", "--wait=true", "--timeout=1m")
	})
	t.Run("a pod created on a node is PodScheduled", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "pinned.yaml", pinnedPod))
		e.mustKubectl(ctx, "wait", "--for=condition=PodScheduled", "pod/pinned", "--timeout=1m")
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "pod/pinned", "--timeout=1m")
		e.mustKubectl(ctx, "delete", "pod", "pinned", "--wait=true", "--timeout=1m")
	})
	t.Run("a Job's pod deleted while it runs is replaced", func(t *testing.T) {
		// Under a podFailurePolicy the Job controller keeps its finalizer on a
		// deleted pod until the kubelet reports the pod Failed.
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "guarded.yaml", guardedJob))
		first := runningPodOf(t, e, ctx, "guarded")
		e.mustKubectl(ctx, "delete", "pod", first, "--wait=true", "--timeout=1m")
		eventually(t, time.Minute, "a replacement Running", func() error {
			if p := runningPodOf(t, e, ctx, "guarded"); p == first {
				return fmt.Errorf("still %s", p)
			}
			return nil
		})
		e.mustKubectl(ctx, "delete", "job", "guarded", "--wait=true", "--timeout=1m")
	})
	t.Run("pod IPs are unique", func(t *testing.T) {
		// Among running pods: a pod that ended gave its IP back, as with a kubelet.
		out := e.mustKubectl(ctx, "get", "pods", "-A", "--field-selector", "status.phase=Running", "-o", "jsonpath={range .items[*]}{.status.podIP}{\"\\n\"}{end}")
		seen := map[string]bool{}
		for _, ip := range strings.Fields(out) {
			if seen[ip] {
				t.Fatalf("pod IP %s handed out twice", ip)
			}
			seen[ip] = true
		}
		if len(seen) < 400 {
			t.Fatalf("only %d pods have an IP", len(seen))
		}
	})
	t.Run("drain empties a node", func(t *testing.T) {
		node := "kmctl-node-7"
		e.mustKubectl(ctx, "drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=2m")
		eventually(t, time.Minute, "node drained", func() error {
			out := e.mustKubectl(ctx, "get", "pods", "-A", "--field-selector", "spec.nodeName="+node, "-o", "jsonpath={range .items[*]}{.metadata.name} {end}")
			for _, p := range strings.Fields(out) {
				if !strings.HasPrefix(p, "agent-") {
					return fmt.Errorf("still on %s: %s", node, out)
				}
			}
			return nil
		})
		if u := e.mustKubectl(ctx, "get", "node", node, "-o", "jsonpath={.spec.unschedulable}"); u != "true" {
			t.Fatalf("the simulator undid the cordon: unschedulable=%q", u)
		}
	})
	t.Run("a pod asking for too many GPUs stays Pending", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "gpu.yaml", gpuPod))
		eventually(t, time.Minute, "FailedScheduling event", func() error {
			out := e.mustKubectl(ctx, "get", "events", "--field-selector", "involvedObject.name=greedy,reason=FailedScheduling", "-o", "jsonpath={.items[*].message}")
			if !strings.Contains(out, "nvidia.com/gpu") {
				return fmt.Errorf("events: %q", out)
			}
			return nil
		})
		if phase := e.mustKubectl(ctx, "get", "pod", "greedy", "-o", "jsonpath={.status.phase}"); phase != "Pending" {
			t.Fatalf("phase %s", phase)
		}
	})
	t.Run("pods wait for a stopped scheduler and are measured when it starts", func(t *testing.T) {
		waitForBacklog(t, e, name)
	})
	t.Run("nodes stay Ready for twice the grace period", func(t *testing.T) {
		if wait := 2*grace - time.Since(start); wait > 0 {
			time.Sleep(wait)
		}
		if flaps := stopWatch(); flaps != "" {
			t.Fatalf("nodes left Ready: %s", flaps)
		}
	})
	t.Run("scale down to zero leaves nothing", func(t *testing.T) {
		out := e.must(3*time.Minute, "scale", "pod", "--name", name, "--replicas", "200", "--wait")
		checkSchedulerFigures(t, out, 200)
		e.mustKubectl(ctx, "delete", "deployment", "web", "--wait=true", "--timeout=2m")
		e.mustKubectl(ctx, "delete", "daemonset", "agent", "--wait=true", "--timeout=2m")
		e.mustKubectl(ctx, "delete", "pod", "greedy", "--wait=true", "--timeout=1m")
		e.must(3*time.Minute, "scale", "pod", "--name", name, "--replicas", "0")
		e.must(3*time.Minute, "scale", "node", "--name", name, "--replicas", "0")
		eventually(t, 2*time.Minute, "no pods and no nodes", func() error {
			pods := e.mustKubectl(ctx, "get", "pods", "-A", "--field-selector", "status.phase!=Succeeded", "-o", "name")
			nodes := e.mustKubectl(ctx, "get", "nodes", "-o", "name")
			if strings.TrimSpace(pods+nodes) != "" {
				return fmt.Errorf("left: %s %s", pods, nodes)
			}
			return nil
		})
	})
}

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: registry.k8s.io/pause:3.10}]
`

// guardedJob runs one pod for an hour, under a podFailurePolicy.
const guardedJob = `apiVersion: batch/v1
kind: Job
metadata: {name: guarded}
spec:
  backoffLimit: 3
  podFailurePolicy:
    rules:
    - action: Ignore
      onPodConditions: [{type: DisruptionTarget}]
  template:
    metadata:
      annotations: {kmctl.dev/complete-after: 1h}
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
`

// pauseJob is an upstream load test's Job: pause containers, which never exit.
const pauseJob = `apiVersion: batch/v1
kind: Job
metadata: {name: pauses}
spec:
  parallelism: 10
  completions: 50
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: registry.k8s.io/pause:3.9}]
`

// pinnedPod names its node itself, so no scheduler binds it.
const pinnedPod = `apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec:
  nodeName: kmctl-node-3
  containers: [{name: c, image: registry.k8s.io/pause:3.10}]
`

// runningPodOf waits for the Job's Running pod and returns its name.
func runningPodOf(t *testing.T, e *env, ctx, job string) string {
	t.Helper()
	var name string
	eventually(t, time.Minute, "job "+job+" has a Running pod", func() error {
		out := e.mustKubectl(ctx, "get", "pods", "-l", "job-name="+job, "--field-selector", "status.phase=Running",
			"-o", `jsonpath={range .items[*]}{.metadata.name}={.metadata.deletionTimestamp}{" "}{end}`)
		for _, f := range strings.Fields(out) {
			if pod, deleting, _ := strings.Cut(f, "="); deleting == "" {
				name = pod
				return nil
			}
		}
		return fmt.Errorf("none yet: %q", out)
	})
	return name
}

const gpuPod = `apiVersion: v1
kind: Pod
metadata: {name: greedy}
spec:
  containers:
  - name: c
    image: registry.k8s.io/pause:3.10
    resources: {limits: {nvidia.com/gpu: "9"}}
`

func writeTemp(t *testing.T, e *env, name, content string) string {
	t.Helper()
	path := e.home + "/" + name
	writeFile(t, path, content)
	return path
}

// watchNodesReady polls node conditions until the returned stop function is
// called, which reports every node seen not Ready.
func watchNodesReady(t *testing.T, e *env, ctx string) func() string {
	t.Helper()
	done := make(chan struct{})
	result := make(chan string, 1)
	go func() {
		bad := map[string]bool{}
		for {
			out, _ := e.kubectl(ctx, "get", "nodes", "-o", `jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status} {end}`)
			for _, f := range strings.Fields(out) {
				if name, status, ok := strings.Cut(f, "="); ok && status != "True" {
					bad[name+" ("+status+")"] = true
				}
			}
			select {
			case <-done:
				list := []string{}
				for k := range bad {
					list = append(list, k)
				}
				result <- strings.Join(list, ", ")
				return
			case <-time.After(2 * time.Second):
			}
		}
	}()
	return func() string { close(done); return <-result }
}

// waitForBacklog stops the scheduler, creates 50 pods that stay Pending,
// then waits for them with `scale pod --wait` while the scheduler starts
// again: the figures count every binding of the restarted scheduler.
func waitForBacklog(t *testing.T, e *env, name string) {
	e.must(time.Minute, "stop", "component", "kube-scheduler", "--name", name)
	if out := e.must(time.Minute, "get", "clusters"); !strings.Contains(out, "degraded (down: kube-scheduler)") {
		t.Fatalf("get clusters with the scheduler stopped:\n%s", out)
	}
	scale := []string{"scale", "pod", "--name", name, "--prefix", "backlog", "--replicas", "50"}
	_, errOut, err := e.kmctl(time.Minute, scale...)
	if err != nil || !strings.Contains(errOut, "new pods stay Pending until `kmctl start component kube-scheduler") {
		t.Fatalf("scale pod with the scheduler stopped: %v\n%s", err, errOut)
	}
	type result struct {
		out, errOut string
		err         error
	}
	waited := make(chan result, 1)
	go func() {
		out, errOut, err := e.kmctl(3*time.Minute, append(scale, "--wait")...)
		waited <- result{out, errOut, err}
	}()
	time.Sleep(3 * time.Second) // the wait has taken its first sample
	e.must(3*time.Minute, "start", "component", "kube-scheduler", "--name", name)
	r := <-waited
	if r.err != nil {
		t.Fatalf("scale pod --wait: %v\n%s\n%s", r.err, r.out, r.errOut)
	}
	checkSchedulerFigures(t, r.out, 50)
	e.must(time.Minute, "scale", "pod", "--name", name, "--prefix", "backlog", "--replicas", "0")
}
