package simulator

import (
	"fmt"
	"net/netip"
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
	a.Release(uid(1), "n1", "")
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

func TestConfirmedIPsAreReleasedFromThePod(t *testing.T) {
	a := newIPAM()
	ip, _ := a.Allocate("n1", "10.0.0.0/30", uid(1))
	a.Reserve("n1", uid(1), ip) // the pod reports it: confirmed
	if len(a.byPod) != 0 {
		t.Fatalf("a confirmed IP is still remembered by pod: %v", a.byPod)
	}
	if _, err := a.Allocate("n1", "10.0.0.0/30", uid(2)); err == nil {
		t.Fatal("a confirmed IP was handed out again")
	}
	a.Release(uid(9), "n1", ip) // another pod's deletion frees nothing
	if _, err := a.Allocate("n1", "10.0.0.0/30", uid(2)); err == nil {
		t.Fatal("a pod released an IP it did not hold")
	}
	a.Release(uid(1), "n1", ip)
	if got, err := a.Allocate("n1", "10.0.0.0/30", uid(2)); err != nil || got != ip {
		t.Fatalf("want the released %s, got %s (%v)", ip, got, err)
	}
}

func TestReserveOfAnotherIPFreesTheOneGiven(t *testing.T) {
	a := newIPAM()
	given, _ := a.Allocate("n1", "10.0.1.0/24", uid(1))
	a.Reserve("n1", uid(1), "10.0.1.77") // the pod reports an IP set elsewhere
	used := a.nodes["n1"].used
	if _, held := used[netip.MustParseAddr(given)]; held {
		t.Fatalf("the unused %s should be free again", given)
	}
	if _, ok := used[netip.MustParseAddr("10.0.1.77")]; !ok {
		t.Fatal("the reported IP is not held")
	}
}
