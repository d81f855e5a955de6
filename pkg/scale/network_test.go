package scale

import (
	"net/netip"
	"testing"
)

func TestPodCIDRAndIPAreUnique(t *testing.T) {
	service := netip.MustParsePrefix("10.96.0.0/12")
	cidrs, ips := map[string]int{}, map[string]int{}
	for i := 0; i < MaxNodes; i++ {
		cidr, err := PodCIDR(i)
		if err != nil {
			t.Fatal(err)
		}
		ip, err := InternalIP(i)
		if err != nil {
			t.Fatal(err)
		}
		if j, dup := cidrs[cidr]; dup {
			t.Fatalf("nodes %d and %d share pod CIDR %s", j, i, cidr)
		}
		if j, dup := ips[ip]; dup {
			t.Fatalf("nodes %d and %d share IP %s", j, i, ip)
		}
		cidrs[cidr], ips[ip] = i, i
		p := netip.MustParsePrefix(cidr)
		addr := netip.MustParseAddr(ip)
		if p.Bits() != 24 || p.Masked() != p || !p.Contains(addr) || service.Overlaps(p) {
			t.Fatalf("node %d: pod CIDR %s, IP %s", i, cidr, ip)
		}
	}
	if c, _ := PodCIDR(MaxNodes - 1); c != "10.255.255.0/24" {
		t.Errorf("last CIDR %s", c)
	}
}

func TestPodCIDROutOfRange(t *testing.T) {
	for _, i := range []int{-1, MaxNodes} {
		if _, err := PodCIDR(i); err == nil {
			t.Errorf("PodCIDR(%d) gave no error", i)
		}
		if _, err := InternalIP(i); err == nil {
			t.Errorf("InternalIP(%d) gave no error", i)
		}
	}
}
