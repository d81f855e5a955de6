package simulator

import (
	"fmt"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
)

func fakeNode(annotations map[string]string) *corev1.Node {
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: "n1", Annotations: annotations},
		Spec:       corev1.NodeSpec{PodCIDR: "10.128.3.0/24"},
	}
}

func TestDesiredNodeStatus(t *testing.T) {
	now := metav1.NewTime(time.Unix(1000, 0))
	tests := []struct {
		name    string
		node    *corev1.Node
		wantCPU string
		wantGPU string
		wantErr bool
	}{
		{name: "defaults", node: fakeNode(nil), wantCPU: "32"},
		{name: "capacity annotation with a GPU", node: fakeNode(map[string]string{AnnotationCapacity: `{"cpu":"8","memory":"16Gi","pods":"110","nvidia.com/gpu":"4"}`}), wantCPU: "8", wantGPU: "4"},
		{name: "bad annotation", node: fakeNode(map[string]string{AnnotationCapacity: `{"cpu":`}), wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := desiredNodeStatus(tc.node, "v1.34.4", activeFaults{}, now)
			if tc.wantErr {
				if err == nil {
					t.Fatal("want an error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Capacity[corev1.ResourceCPU]; got.String() != tc.wantCPU {
				t.Errorf("cpu %s, want %s", got.String(), tc.wantCPU)
			}
			if !st.Allocatable[corev1.ResourceCPU].Equal(st.Capacity[corev1.ResourceCPU]) {
				t.Errorf("allocatable differs from capacity")
			}
			if tc.wantGPU != "" {
				if got := st.Capacity["nvidia.com/gpu"]; got.String() != tc.wantGPU {
					t.Errorf("gpu %s, want %s", got.String(), tc.wantGPU)
				}
			}
			assertReady(t, st)
			if st.Addresses[0].Type != corev1.NodeInternalIP || st.Addresses[0].Address != "10.128.3.1" {
				t.Errorf("addresses %+v", st.Addresses)
			}
			if st.NodeInfo.KubeletVersion != "v1.34.4" || st.DaemonEndpoints.KubeletEndpoint.Port != KubeletPort {
				t.Errorf("node info %+v", st.NodeInfo)
			}
		})
	}
}

func assertReady(t *testing.T, st corev1.NodeStatus) {
	t.Helper()
	want := map[corev1.NodeConditionType]corev1.ConditionStatus{
		corev1.NodeReady: corev1.ConditionTrue, corev1.NodeMemoryPressure: corev1.ConditionFalse,
		corev1.NodeDiskPressure: corev1.ConditionFalse, corev1.NodePIDPressure: corev1.ConditionFalse,
		corev1.NodeNetworkUnavailable: corev1.ConditionFalse,
	}
	for _, c := range st.Conditions {
		if w, ok := want[c.Type]; ok && w != c.Status {
			t.Errorf("condition %s is %s, want %s", c.Type, c.Status, w)
		}
		delete(want, c.Type)
	}
	if len(want) > 0 {
		t.Errorf("missing conditions %v", want)
	}
}

func TestNodeStatusChangedIgnoresHeartbeats(t *testing.T) {
	node := fakeNode(nil)
	first, _ := desiredNodeStatus(node, "v1", activeFaults{}, metav1.NewTime(time.Unix(1000, 0)))
	node.Status = first
	later, _ := desiredNodeStatus(node, "v1", activeFaults{}, metav1.NewTime(time.Unix(2000, 0)))
	if nodeStatusChanged(first, later) {
		t.Fatal("only heartbeat times moved; that is no change")
	}
	for _, c := range later.Conditions {
		if c.LastTransitionTime != first.Conditions[0].LastTransitionTime {
			t.Fatalf("transition time moved without a transition: %v", c)
		}
	}
	node.Status.Conditions[0].Status = corev1.ConditionUnknown // the lifecycle controller gave up on it
	again, _ := desiredNodeStatus(node, "v1", activeFaults{}, metav1.NewTime(time.Unix(3000, 0)))
	if !nodeStatusChanged(node.Status, again) {
		t.Fatal("Ready Unknown -> True is a change to write")
	}
}

func boundPod() *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "default", UID: "u1"},
		Spec: corev1.PodSpec{
			NodeName:       "n1",
			InitContainers: []corev1.Container{{Name: "init", Image: "busybox"}},
			Containers:     []corev1.Container{{Name: "app", Image: "pause"}, {Name: "side", Image: "busybox"}},
		},
		Status: corev1.PodStatus{
			Phase:      corev1.PodPending,
			QOSClass:   corev1.PodQOSBurstable,
			Conditions: []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionTrue}},
		},
	}
}

func TestRunningStatus(t *testing.T) {
	now := metav1.NewTime(time.Unix(1000, 0))
	st := runningStatus(boundPod(), "10.0.0.1", "10.0.0.7", now)
	if st.Phase != corev1.PodRunning || st.PodIP != "10.0.0.7" || st.HostIP != "10.0.0.1" || st.StartTime == nil {
		t.Fatalf("status %+v", st)
	}
	if st.QOSClass != corev1.PodQOSBurstable {
		t.Errorf("QOS class lost")
	}
	conds := map[corev1.PodConditionType]corev1.ConditionStatus{}
	for _, c := range st.Conditions {
		conds[c.Type] = c.Status
	}
	for _, c := range []corev1.PodConditionType{corev1.PodScheduled, corev1.PodInitialized, corev1.ContainersReady, corev1.PodReady} {
		if conds[c] != corev1.ConditionTrue {
			t.Errorf("condition %s = %q", c, conds[c])
		}
	}
	if len(st.ContainerStatuses) != 2 || !st.ContainerStatuses[1].Ready || st.ContainerStatuses[1].State.Running == nil {
		t.Errorf("container statuses %+v", st.ContainerStatuses)
	}
	if len(st.InitContainerStatuses) != 1 || st.InitContainerStatuses[0].State.Terminated == nil {
		t.Errorf("init containers must have completed: %+v", st.InitContainerStatuses)
	}
}

func TestCompletedAndRestartedStatus(t *testing.T) {
	pod := boundPod()
	pod.Status = runningStatus(pod, "10.0.0.1", "10.0.0.7", metav1.NewTime(time.Unix(1000, 0)))
	done := completedStatus(pod, metav1.NewTime(time.Unix(1010, 0)))
	if done.Phase != corev1.PodSucceeded || done.ContainerStatuses[0].State.Terminated.ExitCode != 0 {
		t.Fatalf("completed %+v", done)
	}
	for _, c := range done.Conditions {
		if c.Type == corev1.PodReady && c.Status != corev1.ConditionFalse {
			t.Errorf("a completed pod is not Ready")
		}
	}
}

func TestJitterAndShards(t *testing.T) {
	for i := 0; i < 1000; i++ {
		if d := jitter(10*time.Second, 0.1); d < 9*time.Second || d > 10*time.Second {
			t.Fatalf("jitter %s out of [9s,10s]", d)
		}
	}
	o := DefaultOptions()
	o.LeaseDuration = 40 * time.Second
	if o.renewInterval() != 10*time.Second {
		t.Fatalf("renew interval %s", o.renewInterval())
	}
	owners := map[int]int{}
	for i := 0; i < 3000; i++ {
		name := "node-" + string(rune('a'+i%26)) + string(rune('0'+i%10)) + time.Duration(i).String()
		n := 0
		for shard := 0; shard < 3; shard++ {
			if shardFunc(shard, 3)(name) {
				n++
				owners[shard]++
			}
		}
		if n != 1 {
			t.Fatalf("%s owned by %d shards", name, n)
		}
	}
	for shard, n := range owners {
		if n < 700 {
			t.Errorf("shard %d owns only %d of 3000 nodes", shard, n)
		}
	}
}

func TestSettleKeepsOnlyWhatDeletionNeeds(t *testing.T) {
	pod := boundPod()
	pod.Labels = map[string]string{"app": "x"}
	if _, ok := settle(pod.DeepCopy(), script{}, time.Now()).(*corev1.Pod); !ok {
		t.Fatal("a pending pod must be kept whole: its status is still to be written")
	}
	pod.Status = runningStatus(pod, "10.0.0.1", "10.0.0.7", metav1.Now())
	pod.DeletionTimestamp, pod.DeletionGracePeriodSeconds = &metav1.Time{}, ptr(int64(0))
	s, ok := settle(pod.DeepCopy(), script{}, time.Now()).(*settledPod)
	if !ok {
		t.Fatal("a running pod that never ends is settled")
	}
	if s.Name != "p" || s.UID != "u1" || s.NodeName != "n1" || s.PodIP != "10.0.0.7" ||
		s.DeletionTimestamp == nil || s.DeletionGracePeriodSeconds == nil || *s.DeletionGracePeriodSeconds != 0 {
		t.Fatalf("settled %+v", s)
	}
	c := s.DeepCopyObject().(*settledPod)
	if c.PodIP != s.PodIP || c.UID != s.UID || c == s || c.DeletionGracePeriodSeconds == s.DeletionGracePeriodSeconds {
		t.Fatal("deep copy")
	}
	pod.DeletionTimestamp, pod.DeletionGracePeriodSeconds = nil, nil
	m, err := meta.Accessor(s)
	if err != nil || m.GetName() != "p" || m.GetNamespace() != pod.Namespace || m.GetUID() != "u1" {
		t.Fatalf("accessor: %v %v", m, err)
	}
	if key, err := cache.MetaNamespaceKeyFunc(s); err != nil || key != pod.Namespace+"/p" {
		t.Fatalf("key %q %v", key, err)
	}
	pod.OwnerReferences = []metav1.OwnerReference{{APIVersion: "batch/v1", Kind: "Job", Name: "j"}}
	if _, ok := settle(pod.DeepCopy(), script{}, time.Now()).(*corev1.Pod); !ok {
		t.Fatal("a Job's running pod still has to succeed")
	}
	pod.Status = completedStatus(pod, metav1.Now())
	if _, ok := settle(pod.DeepCopy(), script{}, time.Now()).(*settledPod); !ok {
		t.Fatal("a finished pod is settled")
	}
}

// TestRestartBackoff: a pod that restarts runs at least 10 s after its first
// restart, twice as long after each next, up to 5 minutes.
func TestRestartBackoff(t *testing.T) {
	pod := boundPod()
	pod.Status = runningStatus(pod, "10.0.0.1", "10.0.0.7", metav1.Now())
	want := map[int32]time.Duration{0: 0, 1: 10 * time.Second, 2: 20 * time.Second, 4: 80 * time.Second, 6: 5 * time.Minute, 1000: 5 * time.Minute}
	for restarts, d := range want {
		for i := range pod.Status.ContainerStatuses {
			pod.Status.ContainerStatuses[i].RestartCount = restarts
		}
		if got := restartBackoff(pod); got != d {
			t.Errorf("after %d restarts: %s, want %s", restarts, got, d)
		}
	}
}

func TestPodCreatedOnANodeGetsPodScheduled(t *testing.T) {
	now := metav1.NewTime(time.Unix(1000, 0))
	pod := boundPod()
	pod.Status.Conditions = nil // spec.nodeName set by its author, no scheduler
	st := runningStatus(pod, "10.0.0.1", "10.0.0.7", now)
	var found []corev1.PodCondition
	for _, c := range st.Conditions {
		if c.Type == corev1.PodScheduled {
			found = append(found, c)
		}
	}
	if len(found) != 1 || found[0].Status != corev1.ConditionTrue || !found[0].LastTransitionTime.Equal(&now) {
		t.Fatalf("PodScheduled conditions %+v, want one True at %v", found, now)
	}
	bound := runningStatus(boundPod(), "10.0.0.1", "10.0.0.7", now)
	n := 0
	for _, c := range bound.Conditions {
		if c.Type == corev1.PodScheduled {
			n++
		}
	}
	if n != 1 {
		t.Errorf("a bound pod has %d PodScheduled conditions, want its own one", n)
	}
}

func TestPauseJobPodsRunUntilDeleted(t *testing.T) {
	job := []metav1.OwnerReference{{APIVersion: "batch/v1", Kind: "Job", Name: "j"}}
	cases := []struct {
		name   string
		images []string
		notes  map[string]string
		ends   bool
	}{
		{"pause job", []string{"registry.k8s.io/pause:3.9"}, nil, false},
		{"mirrored pause with digest", []string{"mirror.local:5000/k8s/pause-amd64@sha256:abc"}, nil, false},
		{"busybox job", []string{"busybox:1.36"}, nil, true},
		{"pause beside busybox", []string{"registry.k8s.io/pause:3.9", "busybox"}, nil, true},
		{"a repository named pauser", []string{"example.com/pauser:1"}, nil, true},
		{"pause told to complete", []string{"registry.k8s.io/pause:3.9"}, map[string]string{AnnotationCompleteAfter: "2s"}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pod := boundPod()
			pod.OwnerReferences, pod.Annotations = job, c.notes
			pod.Spec.Containers = nil
			for i, img := range c.images {
				pod.Spec.Containers = append(pod.Spec.Containers, corev1.Container{Name: fmt.Sprint("c", i), Image: img})
			}
			pod.Status = runningStatus(pod, "10.0.0.1", "10.0.0.7", metav1.Now())
			now := time.Now()
			if got := (script{jobDelay: 5 * time.Second}).lifeOf(pod, now).endsOnItsOwn(); got != c.ends {
				t.Errorf("ends = %v, want %v", got, c.ends)
			}
			v, _ := viewOf(pod, now, script{jobDelay: 5 * time.Second})
			if isSettled(pod, script{}, now) == c.ends || (ruleFor(v) != nil) != c.ends {
				t.Errorf("settled %v, rule %v: compaction and the worker must agree that it ends = %v", isSettled(pod, script{}, now), ruleFor(v), c.ends)
			}
		})
	}
}
