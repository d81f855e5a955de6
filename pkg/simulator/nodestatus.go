package simulator

import (
	"encoding/json"
	"fmt"
	"hash/fnv"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// KubeletPort is reported as the node's kubelet endpoint.
const KubeletPort = 10250

// defaultCapacity is used for a node that says nothing of its size.
var defaultCapacity = corev1.ResourceList{
	corev1.ResourceCPU:              resource.MustParse("32"),
	corev1.ResourceMemory:           resource.MustParse("256Gi"),
	corev1.ResourceEphemeralStorage: resource.MustParse("1Ti"),
	corev1.ResourcePods:             resource.MustParse("110"),
}

// nodeCapacity reads the capacity annotation, else keeps the node's own, else the default.
func nodeCapacity(node *corev1.Node) (corev1.ResourceList, error) {
	if raw, ok := node.Annotations[AnnotationCapacity]; ok {
		var list corev1.ResourceList
		if err := json.Unmarshal([]byte(raw), &list); err != nil {
			return nil, fmt.Errorf("node %s: annotation %s is not a resource list: %w", node.Name, AnnotationCapacity, err)
		}
		return list, nil
	}
	if len(node.Status.Capacity) > 0 {
		return node.Status.Capacity, nil
	}
	return defaultCapacity, nil
}

// desiredNodeStatus is what a kubelet would report for node with faults on.
func desiredNodeStatus(node *corev1.Node, kubeletVersion string, faults activeFaults, now metav1.Time) (corev1.NodeStatus, error) {
	capacity, err := nodeCapacity(node)
	if err != nil {
		return corev1.NodeStatus{}, err
	}
	status := *node.Status.DeepCopy()
	status.Capacity = capacity.DeepCopy()
	if len(node.Status.Allocatable) == 0 || node.Annotations[AnnotationCapacity] != "" {
		status.Allocatable = capacity.DeepCopy()
	}
	status.Phase = corev1.NodeRunning
	status.Conditions = nodeConditions(node.Status.Conditions, faults, now)
	status.Addresses = nodeAddresses(node)
	status.DaemonEndpoints = corev1.NodeDaemonEndpoints{KubeletEndpoint: corev1.DaemonEndpoint{Port: KubeletPort}}
	status.NodeInfo = nodeInfo(node.Name, kubeletVersion)
	status.Images = nil
	return status, nil
}

// nodeConditions sets the kubelet's conditions healthy but for the faults
// on, keeping transition times of unchanged ones and any condition kmctl
// does not own.
func nodeConditions(old []corev1.NodeCondition, faults activeFaults, now metav1.Time) []corev1.NodeCondition {
	want := []corev1.NodeCondition{
		{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady", Message: "kubelet is posting ready status"},
		{Type: corev1.NodeMemoryPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientMemory", Message: "kubelet has sufficient memory available"},
		{Type: corev1.NodeDiskPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasNoDiskPressure", Message: "kubelet has no disk pressure"},
		{Type: corev1.NodePIDPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientPID", Message: "kubelet has sufficient PID available"},
		{Type: corev1.NodeNetworkUnavailable, Status: corev1.ConditionFalse, Reason: "RouteCreated", Message: "kmctl simulator set up the route"},
	}
	applyFaults(want, faults)
	owned := map[corev1.NodeConditionType]bool{}
	for i := range want {
		c := &want[i]
		owned[c.Type] = true
		c.LastHeartbeatTime, c.LastTransitionTime = now, now
		for _, o := range old {
			if o.Type == c.Type && o.Status == c.Status {
				c.LastTransitionTime = o.LastTransitionTime
			}
		}
	}
	for _, o := range old {
		if !owned[o.Type] {
			want = append(want, o)
		}
	}
	return want
}

func nodeAddresses(node *corev1.Node) []corev1.NodeAddress {
	addrs := []corev1.NodeAddress{}
	if ip, err := nodeIP(node.Spec.PodCIDR); err == nil {
		addrs = append(addrs, corev1.NodeAddress{Type: corev1.NodeInternalIP, Address: ip})
	}
	return append(addrs, corev1.NodeAddress{Type: corev1.NodeHostName, Address: node.Name})
}

func nodeInfo(name, version string) corev1.NodeSystemInfo {
	id := fmt.Sprintf("%032x", hash64(name))
	return corev1.NodeSystemInfo{
		MachineID:               id,
		SystemUUID:              id,
		BootID:                  id,
		KernelVersion:           "kmctl",
		OSImage:                 "kmctl simulated node",
		ContainerRuntimeVersion: "kmctl://" + version,
		KubeletVersion:          version,
		OperatingSystem:         "linux",
		Architecture:            "amd64",
	}
}

func hash64(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return h.Sum64()
}

// nodeStatusChanged compares two statuses ignoring heartbeat times.
func nodeStatusChanged(old, new corev1.NodeStatus) bool {
	strip := func(s corev1.NodeStatus) corev1.NodeStatus {
		s = *s.DeepCopy()
		for i := range s.Conditions {
			s.Conditions[i].LastHeartbeatTime = metav1.Time{}
		}
		return s
	}
	return !equality.Semantic.DeepEqual(strip(old), strip(new))
}
