package scale

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
)

func TestSlotOfInvertsPodCIDR(t *testing.T) {
	for _, i := range []int{0, 1, 255, 256, 4999, MaxNodes - 1} {
		cidr, err := PodCIDR(i)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := slotOf(cidr); !ok || got != i {
			t.Errorf("slotOf(%s) = %d, %v, want %d", cidr, got, ok, i)
		}
	}
	for _, foreign := range []string{"10.64.0.0/24", "10.244.1.0/25", "192.168.1.0/24", "fd00::/64", "junk"} {
		if _, ok := slotOf(foreign); ok {
			t.Errorf("slotOf(%s) claimed a kmctl slot", foreign)
		}
	}
}

func TestCIDRSlotsTake(t *testing.T) {
	c := newCIDRSlots([]string{"10.128.0.0/24", "10.128.1.0/24", "10.128.3.0/24", "10.64.0.0/24"})
	want := map[int]int{5: 5, 0: 2, 1: 4, 3: 6, 2: 7}
	for _, index := range []int{5, 0, 1, 3, 2} {
		got, err := c.take(index)
		if err != nil || got != want[index] {
			t.Errorf("take(%d) = %d, %v, want %d", index, got, err, want[index])
		}
	}
	full := &cidrSlots{used: map[int]bool{}, next: MaxNodes}
	full.used[7] = true
	if _, err := full.take(7); err == nil {
		t.Error("take on a full range must fail")
	}
}

// TestTwoNodePoolsGetDistinctRanges scales two prefixes: the second must not
// reuse the first's pod ranges (the simulator derives each node's address
// from its range, so addresses stay distinct too).
func TestTwoNodePoolsGetDistinctRanges(t *testing.T) {
	client := fake.NewClientset()
	for _, prefix := range []string{"cpu", "gpu"} {
		o := nodeOpts()
		o.Prefix, o.Replicas = prefix, 3
		s, err := NewNodeScaler(o)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Run(context.Background(), client); err != nil {
			t.Fatal(err)
		}
	}
	l, err := client.CoreV1().Nodes().List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cidrs := map[string]string{}
	for _, n := range l.Items {
		if other, dup := cidrs[n.Spec.PodCIDR]; dup {
			t.Errorf("%s and %s share pod range %s", n.Name, other, n.Spec.PodCIDR)
		}
		cidrs[n.Spec.PodCIDR] = n.Name
	}
	if len(l.Items) != 6 || len(cidrs) != 6 {
		t.Errorf("%d nodes, %d distinct ranges, want 6 and 6", len(l.Items), len(cidrs))
	}
}
