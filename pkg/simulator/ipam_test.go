package simulator

import (
	"fmt"
	"testing"

	"k8s.io/apimachinery/pkg/types"
)

func uid(i int) types.UID { return types.UID(fmt.Sprintf("uid-%d", i)) }

func TestAllocateUniqueUntilFull(t *testing.T) {
	a := newIPAM()
	seen := map[string]bool{}
	// A /24 holds 256 addresses: minus network, node and broadcast, 253 pods.
	for i := 0; i < 253; i++ {
		ip, err := a.Allocate("n1", "10.128.0.0/24", uid(i))
		if err != nil {
			t.Fatalf("pod %d: %v", i, err)
		}
		if seen[ip] || ip == "10.128.0.0" || ip == "10.128.0.1" || ip == "10.128.0.255" {
			t.Fatalf("pod %d got %s twice or a reserved address", i, ip)
		}
		seen[ip] = true
	}
	if _, err := a.Allocate("n1", "10.128.0.0/24", uid(999)); err == nil {
		t.Fatal("want an error when the node's CIDR is full")
	}
}

func TestAllocateIsStablePerPodAndReusedAfterRelease(t *testing.T) {
	a := newIPAM()
	ip1, _ := a.Allocate("n1", "10.0.0.0/30", uid(1))
	again, _ := a.Allocate("n1", "10.0.0.0/30", uid(1))
	if ip1 != again {
		t.Fatalf("same pod got %s then %s", ip1, again)
	}
	if _, err := a.Allocate("n1", "10.0.0.0/30", uid(2)); err == nil {
		t.Fatal("a /30 has room for one pod only")
	}
	a.Release(uid(1))
	ip2, err := a.Allocate("n1", "10.0.0.0/30", uid(2))
	if err != nil || ip2 != ip1 {
		t.Fatalf("want the released %s, got %s (%v)", ip1, ip2, err)
	}
}

func TestReserveRebuildsAfterRestart(t *testing.T) {
	a := newIPAM()
	for i := 2; i < 10; i++ {
		a.Reserve("n1", uid(i), fmt.Sprintf("10.1.2.%d", i))
	}
	for i := 100; i < 140; i++ {
		ip, err := a.Allocate("n1", "10.1.2.0/24", uid(i))
		if err != nil {
			t.Fatal(err)
		}
		for j := 2; j < 10; j++ {
			if ip == fmt.Sprintf("10.1.2.%d", j) {
				t.Fatalf("allocated %s, which a surviving pod holds", ip)
			}
		}
	}
}

func TestPoolsArePerNodeAndNodeIP(t *testing.T) {
	a := newIPAM()
	ip1, _ := a.Allocate("n1", "10.128.1.0/24", uid(1))
	ip2, _ := a.Allocate("n2", "10.128.2.0/24", uid(2))
	if ip1 != "10.128.1.2" || ip2 != "10.128.2.2" {
		t.Fatalf("got %s and %s", ip1, ip2)
	}
	if ip, _ := nodeIP("10.128.2.0/24"); ip != "10.128.2.1" {
		t.Fatalf("node IP %s", ip)
	}
	a.ForgetNode("n1")
	if _, ok := a.byPod[uid(1)]; ok {
		t.Fatal("pods of a forgotten node must be dropped")
	}
}
