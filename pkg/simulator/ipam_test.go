package simulator

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/types"
)

func uid(i int) types.UID { return types.UID(fmt.Sprintf("uid-%d", i)) }

// ipTest drives the records' IP handling for pods of nodes n1 and n2.
type ipTest struct{ r *records }

func newIPAM() ipTest {
	r := newRecords(0, 1)
	for _, n := range []string{"n1", "n2"} {
		r.seeNode(n, "", "", func() []heldIP { return nil }, func(string, types.UID) bool { return false })
	}
	return ipTest{r}
}

// pod is the record of pod u on node, made the first time.
func (x ipTest) pod(node string, u types.UID) *podState {
	p, _ := x.r.pod(string(u), u, node)
	return p
}

func (x ipTest) Allocate(node, cidr string, u types.UID) (string, error) {
	return x.r.giveIP(x.pod(node, u), cidr)
}

func (x ipTest) Reserve(node string, u types.UID, ip string) { x.r.holdIP(x.pod(node, u), ip) }

func (x ipTest) Release(u types.UID, node string) { x.r.freeIP(x.pod(node, u)) }

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
	a.Release(uid(1), "n1")
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
	a.r.departNode("n1", time.Now())
	if a.r.nodes["n1"].pool != nil {
		t.Fatal("the pool of a departed node must be dropped")
	}
}

func TestConfirmedIPsAreHeldOnce(t *testing.T) {
	a := newIPAM()
	ip, _ := a.Allocate("n1", "10.0.0.0/30", uid(1))
	a.Reserve("n1", uid(1), ip) // the pod reports it: confirmed
	if n := len(a.r.nodes["n1"].pool.used); n != 1 {
		t.Fatalf("%d IPs held after the pod confirmed its own, want 1", n)
	}
	if _, err := a.Allocate("n1", "10.0.0.0/30", uid(2)); err == nil {
		t.Fatal("a confirmed IP was handed out again")
	}
	a.Release(uid(9), "n1") // another pod's end frees nothing
	if _, err := a.Allocate("n1", "10.0.0.0/30", uid(2)); err == nil {
		t.Fatal("a pod released an IP it did not hold")
	}
	a.Release(uid(1), "n1")
	if got, err := a.Allocate("n1", "10.0.0.0/30", uid(2)); err != nil || got != ip {
		t.Fatalf("want the released %s, got %s (%v)", ip, got, err)
	}
}

func TestReserveOfAnotherIPFreesTheOneGiven(t *testing.T) {
	a := newIPAM()
	given, _ := a.Allocate("n1", "10.0.1.0/24", uid(1))
	a.Reserve("n1", uid(1), "10.0.1.77") // the pod reports an IP set elsewhere
	used := a.r.nodes["n1"].pool.used
	if _, held := used[netip.MustParseAddr(given)]; held {
		t.Fatalf("the unused %s should be free again", given)
	}
	if _, ok := used[netip.MustParseAddr("10.0.1.77")]; !ok {
		t.Fatal("the reported IP is not held")
	}
}

// TestAllocateRangeSizes hands out every pod address of a range, then
// expects the range full; a range with no pod address is an error that names
// the node and the range, at once (a /31 used to hand out an address outside
// the range, then spin forever holding the lock).
func TestAllocateRangeSizes(t *testing.T) {
	for _, tc := range []struct {
		cidr  string
		pods  int
		first string
	}{
		{"10.0.0.0/24", 253, "10.0.0.2"},
		{"10.0.0.0/30", 1, "10.0.0.2"},
		{"10.0.0.0/31", 0, ""},
		{"10.0.0.0/32", 0, ""},
		{"fd00::/120", 254, "fd00::2"},
		{"fd00::/126", 2, "fd00::2"},
		{"fd00::/127", 0, ""},
		{"fd00::/128", 0, ""},
		{"not-a-cidr", 0, ""},
	} {
		t.Run(tc.cidr, func(t *testing.T) {
			var err error
			within(t, 5*time.Second, "allocating in "+tc.cidr, func() { err = allocateAll(tc.cidr, tc.pods, tc.first) })
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// allocateAll allocates until the pool of node n1 with podCIDR cidr fails,
// and checks it handed out pods distinct addresses, the first being first.
func allocateAll(cidr string, pods int, first string) error {
	a := newIPAM()
	seen := map[string]bool{}
	for i := 0; ; i++ {
		ip, err := a.Allocate("n1", cidr, uid(i))
		if err != nil {
			return checkExhausted(cidr, pods, i, err)
		}
		prefix, addr := netip.MustParsePrefix(cidr), netip.MustParseAddr(ip)
		if i == 0 && ip != first || seen[ip] || addr == prefix.Addr().Next() || !prefix.Contains(addr) {
			return fmt.Errorf("pod %d got %s: taken, the node's, outside %s, or not the first %s", i, ip, cidr, first)
		}
		seen[ip] = true
	}
}

// checkExhausted checks the error that ended allocating in cidr after got pods.
func checkExhausted(cidr string, want, got int, err error) error {
	switch bad := errors.Is(err, errBadPodCIDR); {
	case got != want:
		return fmt.Errorf("%d pods got an address in %s, want %d (then: %v)", got, cidr, want, err)
	case bad != (want == 0):
		return fmt.Errorf("error %q: unusable range %v, want %v", err, bad, want == 0)
	case !strings.Contains(err.Error(), "n1") || !strings.Contains(err.Error(), cidr):
		return fmt.Errorf("error %q does not name the node and the range", err)
	}
	return nil
}

// TestAllocateInAPoolFilledByReserve: after a restart the pool is rebuilt
// from the IPs pods report, with no cursor; a full pool is an error, not a
// search without end.
func TestAllocateInAPoolFilledByReserve(t *testing.T) {
	a := newIPAM()
	for i := 2; i < 255; i++ {
		a.Reserve("n1", uid(i), fmt.Sprintf("10.1.2.%d", i))
	}
	var err error
	within(t, 5*time.Second, "allocating in a full pool", func() { _, err = a.Allocate("n1", "10.1.2.0/24", uid(999)) })
	if err == nil || errors.Is(err, errBadPodCIDR) {
		t.Fatalf("want the pool full, got %v", err)
	}
	a.Release(uid(77), "n1")
	if ip, err := a.Allocate("n1", "10.1.2.0/24", uid(999)); ip != "10.1.2.77" {
		t.Fatalf("want the one freed address, got %s (%v)", ip, err)
	}
}

func TestNodeIP(t *testing.T) {
	for cidr, want := range map[string]string{
		"10.0.0.0/24": "10.0.0.1", "10.0.0.0/31": "10.0.0.1", "10.0.0.0/32": "",
		"fd00::/64": "fd00::1", "fd00::/128": "", "bad": "",
	} {
		got, err := nodeIP(cidr)
		if got != want || (err != nil) != (want == "") || (err != nil && !errors.Is(err, errBadPodCIDR)) {
			t.Errorf("nodeIP(%s) = %q, %v; want %q", cidr, got, err, want)
		}
	}
}
