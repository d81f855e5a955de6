package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestFaultsAndLives scripts what users of kwok's stages script: pods that
// crash-loop or fail, Jobs that give up, sidecars, and nodes that go
// Unknown or under memory pressure, with annotations and `kmctl fault`.
func TestFaultsAndLives(t *testing.T) {
	e := newEnv(t)
	name := uniqueName("fault")
	ctx := "--context=kmctl-" + name
	life := writeTemp(t, e, "lifecycle.yaml", scriptedLifecycle)
	e.createCluster(name, "--runtime", "binary", "--disable", "prometheus", "--node-monitor-grace-period", "20s", "--simulator-lifecycle", life)
	e.must(3*time.Minute, "scale", "node", "--name", name, "--replicas", "10")

	t.Run("a Deployment whose pods crash-loop shows restarts and CrashLoopBackOff", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "crash.yaml", crashLoopDeployment))
		seen := false
		eventually(t, 90*time.Second, "CrashLoopBackOff and 2 restarts", func() error {
			table := e.mustKubectl(ctx, "get", "pods", "-l", "app=crash", "--no-headers")
			seen = seen || strings.Contains(table, "CrashLoopBackOff")
			restarts := e.mustKubectl(ctx, "get", "pods", "-l", "app=crash", "-o", "jsonpath={range .items[*]}{.status.containerStatuses[0].restartCount} {end}")
			low := minInt(t, restarts)
			if !seen || low < 2 {
				return fmt.Errorf("restarts %q, CrashLoopBackOff seen %v:\n%s", restarts, seen, table)
			}
			return nil
		})
		last := e.mustKubectl(ctx, "get", "pods", "-l", "app=crash", "-o", "jsonpath={.items[0].status.containerStatuses[0].lastState.terminated.exitCode}/{.items[0].status.containerStatuses[0].lastState.terminated.reason}")
		if last != "137/OOMKilled" {
			t.Errorf("last state %q, want 137/OOMKilled", last)
		}
		e.mustKubectl(ctx, "delete", "deployment", "crash", "--wait=true", "--timeout=1m")
	})
	t.Run("a Job whose pods fail ends Failed after its backoffLimit", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "failing.yaml", failingJob))
		e.mustKubectl(ctx, "wait", "--for=condition=Failed", "job/failing", "--timeout=3m")
		failed := e.mustKubectl(ctx, "get", "job", "failing", "-o", "jsonpath={.status.failed}")
		if failed != "3" {
			t.Errorf("%s pods failed, want 3 (backoffLimit 2)", failed)
		}
		e.mustKubectl(ctx, "delete", "job", "failing", "--wait=true", "--timeout=1m")
	})
	t.Run("the lifecycle file fails the init containers of a namespace's Deployments", func(t *testing.T) {
		e.mustKubectl(ctx, "create", "namespace", "scripted")
		e.mustKubectl(ctx, "-n", "scripted", "apply", "-f", writeTemp(t, e, "initfail.yaml", initDeployment))
		seen := map[string]bool{}
		eventually(t, 90*time.Second, "Init:Error, Init:CrashLoopBackOff, then Running", func() error {
			table := e.mustKubectl(ctx, "-n", "scripted", "get", "pods", "--no-headers")
			for _, s := range []string{"Init:Error", "Init:CrashLoopBackOff"} {
				seen[s] = seen[s] || strings.Contains(table, s)
			}
			restarts := e.mustKubectl(ctx, "-n", "scripted", "get", "pods", "--field-selector", "status.phase=Running", "-o", "jsonpath={range .items[*]}{.status.initContainerStatuses[0].restartCount} {end}")
			if strings.Fields(restarts) == nil || minInt(t, restarts) < 2 || !seen["Init:CrashLoopBackOff"] {
				return fmt.Errorf("seen %v, running pods' init restarts %q:\n%s", seen, restarts, table)
			}
			return nil
		})
		e.mustKubectl(ctx, "delete", "namespace", "scripted", "--wait=true", "--timeout=2m")
	})
	t.Run("a pod whose image pull fails shows ErrImagePull then ImagePullBackOff", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "pullfail.yaml", pullFailPod))
		for _, reason := range []string{"ErrImagePull", "ImagePullBackOff"} {
			eventually(t, time.Minute, reason, func() error {
				if got := e.mustKubectl(ctx, "get", "pod", "nopull", "-o", "jsonpath={.status.containerStatuses[0].state.waiting.reason}"); got != reason {
					return fmt.Errorf("waiting for %q", got)
				}
				return nil
			})
		}
		if phase := e.mustKubectl(ctx, "get", "pod", "nopull", "-o", "jsonpath={.status.phase}"); phase != "Pending" {
			t.Errorf("phase %s, want Pending", phase)
		}
		e.mustKubectl(ctx, "delete", "pod", "nopull", "--wait=true", "--timeout=1m")
	})
	t.Run("a pod with a termination grace cap takes its time to stop", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "slowstop.yaml", slowStopPod))
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "pod/slowstop", "--timeout=1m")
		e.mustKubectl(ctx, "delete", "pod", "slowstop", "--wait=false")
		time.Sleep(2 * time.Second) // well inside its 6 s
		if out, err := e.kubectl(ctx, "get", "pod", "slowstop", "-o", "jsonpath={.metadata.deletionTimestamp}"); err != nil || out == "" {
			t.Fatalf("the pod went at once: %q %v", out, err)
		}
		e.mustKubectl(ctx, "wait", "--for=delete", "pod/slowstop", "--timeout=1m")
	})
	t.Run("kmctl fault node NotReady for a while", func(t *testing.T) {
		node := "kmctl-node-2"
		e.must(time.Minute, "fault", "node", node, "--name", name, "--condition", "NotReady", "--for", "15s")
		e.mustKubectl(ctx, "wait", "--for=condition=Ready=false", "node/"+node, "--timeout=1m")
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "node/"+node, "--timeout=1m")
	})
	t.Run("a sidecar runs beside the main container", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "sidecar.yaml", sidecarPod))
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "pod/sidecar", "--timeout=1m")
		states := e.mustKubectl(ctx, "get", "pod", "sidecar", "-o", "jsonpath={.status.initContainerStatuses[0].state.running.startedAt}/{.status.containerStatuses[0].state.running.startedAt}")
		if side, main, _ := strings.Cut(states, "/"); side == "" || main == "" {
			t.Errorf("running since %q, want both the sidecar and the main container running", states)
		}
		if table := e.mustKubectl(ctx, "get", "pod", "sidecar", "--no-headers"); !strings.Contains(table, "2/2") {
			t.Errorf("kubectl get pod shows %q, want 2/2 ready", table)
		}
		e.mustKubectl(ctx, "delete", "pod", "sidecar", "--wait=true", "--timeout=1m")
	})
	t.Run("kmctl fault pod --not-ready and clear", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "pinned.yaml", pinnedPod))
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "pod/pinned", "--timeout=1m")
		e.must(time.Minute, "fault", "pod", "pinned", "--name", name, "--not-ready")
		e.mustKubectl(ctx, "wait", "--for=condition=Ready=false", "pod/pinned", "--timeout=1m")
		if out := e.must(time.Minute, "fault", "list", "--name", name); !strings.Contains(out, "ready=false") {
			t.Errorf("fault list:\n%s", out)
		}
		e.must(time.Minute, "fault", "clear", "pod", "pinned", "--name", name)
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "pod/pinned", "--timeout=1m")
		e.mustKubectl(ctx, "delete", "pod", "pinned", "--wait=true", "--timeout=1m")
	})
	t.Run("a kubelet restart makes probed pods not ready until their probe passes", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "probed.yaml", probedPods))
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "pod/probed", "pod/unprobed", "--timeout=1m")
		e.must(time.Minute, "fault", "node", "kmctl-node-4", "--name", name, "--restart-kubelet")
		e.mustKubectl(ctx, "wait", "--for=condition=Ready=false", "pod/probed", "--timeout=1m")
		if ready := e.mustKubectl(ctx, "get", "pod", "unprobed", "-o", `jsonpath={.status.conditions[?(@.type=="Ready")].status}`); ready != "True" {
			t.Errorf("the pod without a probe is Ready=%s after the restart", ready)
		}
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "pod/probed", "--timeout=1m")
		e.mustKubectl(ctx, "delete", "pod", "probed", "unprobed", "--wait=true", "--timeout=1m")
	})
	t.Run("MemoryPressure keeps a BestEffort pod off the node", func(t *testing.T) {
		node := "kmctl-node-5"
		e.must(time.Minute, "fault", "node", node, "--name", name, "--condition", "MemoryPressure")
		eventually(t, time.Minute, "the memory-pressure taint", func() error {
			if taints := e.mustKubectl(ctx, "get", "node", node, "-o", "jsonpath={.spec.taints[*].key}"); !strings.Contains(taints, "node.kubernetes.io/memory-pressure") {
				return fmt.Errorf("taints %q", taints)
			}
			return nil
		})
		// The fault is on the node, not in the simulator's memory.
		e.must(time.Minute, "stop", "component", "kmctl-simulator", "--name", name)
		e.must(time.Minute, "start", "component", "kmctl-simulator", "--name", name)
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "besteffort.yaml", bestEffortPod))
		time.Sleep(5 * time.Second) // the scheduler has tried by now
		if c := e.mustKubectl(ctx, "get", "node", node, "-o", `jsonpath={.status.conditions[?(@.type=="MemoryPressure")].status}`); c != "True" {
			t.Fatalf("MemoryPressure is %q after a simulator restart, want True", c)
		}
		if node := e.mustKubectl(ctx, "get", "pod", "besteffort", "-o", "jsonpath={.spec.nodeName}"); node != "" {
			t.Fatalf("the BestEffort pod was bound to %s under memory pressure", node)
		}
		e.must(time.Minute, "fault", "clear", "node", node, "--name", name)
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "pod/besteffort", "--timeout=2m")
		e.mustKubectl(ctx, "delete", "pod", "besteffort", "--wait=true", "--timeout=1m")
	})
	t.Run("a node taken Unknown is tainted unreachable and its pods move", func(t *testing.T) {
		e.mustKubectl(ctx, "apply", "-f", writeTemp(t, e, "evictee.yaml", evicteeDeployment))
		e.mustKubectl(ctx, "rollout", "status", "deployment/evictee", "--timeout=2m")
		node := e.mustKubectl(ctx, "get", "pods", "-l", "app=evictee", "-o", "jsonpath={.items[0].spec.nodeName}")
		e.must(time.Minute, "fault", "node", node, "--name", name, "--condition", "Unknown")
		eventually(t, 2*time.Minute, "the unreachable taint", func() error {
			taints := e.mustKubectl(ctx, "get", "node", node, "-o", "jsonpath={.spec.taints[*].key}")
			ready := e.mustKubectl(ctx, "get", "node", node, "-o", `jsonpath={.status.conditions[?(@.type=="Ready")].status}`)
			if !strings.Contains(taints, "node.kubernetes.io/unreachable") || ready != "Unknown" {
				return fmt.Errorf("Ready %q, taints %q", ready, taints)
			}
			return nil
		})
		eventually(t, 2*time.Minute, "3 evictee pods Running elsewhere", func() error {
			out := e.mustKubectl(ctx, "get", "pods", "-l", "app=evictee", "-o",
				`jsonpath={range .items[*]}{.spec.nodeName}={.status.phase}={.metadata.deletionTimestamp}{" "}{end}`)
			elsewhere := 0
			for _, f := range strings.Fields(out) {
				parts := strings.SplitN(f, "=", 3)
				if parts[0] != node && parts[1] == "Running" && parts[2] == "" {
					elsewhere++
				}
			}
			if elsewhere < 3 {
				return fmt.Errorf("pods %s", out)
			}
			return nil
		})
		e.must(time.Minute, "fault", "clear", "node", node, "--name", name)
		e.mustKubectl(ctx, "wait", "--for=condition=Ready", "node/"+node, "--timeout=1m")
		e.mustKubectl(ctx, "delete", "deployment", "evictee", "--wait=true", "--timeout=1m")
		eventually(t, time.Minute, "the evicted pods gone once the node is back", func() error {
			if out := e.mustKubectl(ctx, "get", "pods", "-l", "app=evictee", "-o", "name"); out != "" {
				return fmt.Errorf("left: %s", out)
			}
			return nil
		})
	})
}

// scriptedLifecycle fails the init containers of the scripted namespace's
// Deployments twice before they complete.
const scriptedLifecycle = `apiVersion: kmctl.dev/v1alpha1
kind: Lifecycle
rules:
- name: init-fails
  match: {namespaces: [scripted], ownerKind: Deployment}
  life: {initFailures: 2}
`

const initDeployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: initfail}
spec:
  replicas: 2
  selector: {matchLabels: {app: initfail}}
  template:
    metadata: {labels: {app: initfail}}
    spec:
      initContainers: [{name: setup, image: busybox}]
      containers: [{name: c, image: registry.k8s.io/pause:3.10}]
`

const pullFailPod = `apiVersion: v1
kind: Pod
metadata:
  name: nopull
  annotations: {kmctl.dev/image-pull-fails: "true"}
spec:
  containers: [{name: c, image: example.com/missing:1}]
`

// slowStopPod takes 6 s of its 30 s grace period to stop.
const slowStopPod = `apiVersion: v1
kind: Pod
metadata:
  name: slowstop
  annotations: {kmctl.dev/termination-grace-cap: 6s}
spec:
  terminationGracePeriodSeconds: 30
  containers: [{name: c, image: registry.k8s.io/pause:3.10}]
`

// minInt is the least of the integers in a space-separated list, -1 if none.
func minInt(t *testing.T, list string) int {
	t.Helper()
	low := -1
	for _, f := range strings.Fields(list) {
		n, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("%q in %q is not a number", f, list)
		}
		if low < 0 || n < low {
			low = n
		}
	}
	return low
}

// crashLoopDeployment's containers are OOM-killed 2 s after each start.
const crashLoopDeployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: crash}
spec:
  replicas: 3
  selector: {matchLabels: {app: crash}}
  template:
    metadata:
      labels: {app: crash}
      annotations: {kmctl.dev/fail-after: 2s, kmctl.dev/exit-reason: OOMKilled}
    spec:
      containers: [{name: c, image: busybox}]
`

// failingJob's pods fail a second after they run.
const failingJob = `apiVersion: batch/v1
kind: Job
metadata: {name: failing}
spec:
  backoffLimit: 2
  template:
    metadata:
      annotations: {kmctl.dev/fail-after: 1s}
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
`

// sidecarPod runs a restartable init container beside its main one.
const sidecarPod = `apiVersion: v1
kind: Pod
metadata: {name: sidecar}
spec:
  initContainers: [{name: proxy, image: busybox, restartPolicy: Always}]
  containers: [{name: app, image: registry.k8s.io/pause:3.10}]
`

// bestEffortPod asks for no resources and wants kmctl-node-5.
const bestEffortPod = `apiVersion: v1
kind: Pod
metadata: {name: besteffort}
spec:
  nodeSelector: {kubernetes.io/hostname: kmctl-node-5}
  containers: [{name: c, image: registry.k8s.io/pause:3.10}]
`

// evicteeDeployment's pods leave an unreachable node after 5 s, not 300.
const evicteeDeployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: evictee}
spec:
  replicas: 3
  selector: {matchLabels: {app: evictee}}
  template:
    metadata: {labels: {app: evictee}}
    spec:
      tolerations:
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 5}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 5}
      containers: [{name: c, image: registry.k8s.io/pause:3.10}]
`

// probedPods are two pods on one node, one with a readiness probe (ready
// again 5-6 s after a kubelet restart) and one without.
const probedPods = `apiVersion: v1
kind: Pod
metadata: {name: probed}
spec:
  nodeName: kmctl-node-4
  containers:
  - name: c
    image: registry.k8s.io/pause:3.10
    readinessProbe: {exec: {command: ["true"]}, initialDelaySeconds: 5, periodSeconds: 1}
---
apiVersion: v1
kind: Pod
metadata: {name: unprobed}
spec:
  nodeName: kmctl-node-4
  containers: [{name: c, image: registry.k8s.io/pause:3.10}]
`
