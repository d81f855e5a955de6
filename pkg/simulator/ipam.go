package simulator

import (
	"errors"
	"fmt"
	"net/netip"

	"k8s.io/apimachinery/pkg/types"
)

// The pod IPs: each node's pool knows which pod holds which of its
// addresses, and each pod's record which address it holds, so an IP is never
// given to two live pods. A pod's address goes back to the pool when the pod
// ends or goes; after a restart, the pools are rebuilt from the IPs existing
// pods report.

// nodePool is the pod IPs in use on one node, and where to look for the next.
type nodePool struct {
	used   map[netip.Addr]types.UID
	cursor netip.Addr
}

func newNodePool() *nodePool {
	return &nodePool{used: map[netip.Addr]types.UID{}}
}

// holdIP records the IP the pod reports (one it was given, or one it had
// before a restart) as its own, unless another pod holds it.
func (r *records) holdIP(p *podState, ip string) {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if p.ip != addr {
		r.freeLocked(p)
	}
	r.takeLocked(p, addr)
}

// takeLocked gives addr to the pod if its node's pool has it free (or the
// pod holds it already) and reports whether it did; r.mu is held.
func (r *records) takeLocked(p *podState, addr netip.Addr) bool {
	n := r.live(p.node)
	if n == nil {
		return false
	}
	if holder, taken := n.pool.used[addr]; taken && holder != p.uid {
		return false
	}
	n.pool.used[addr] = p.uid
	p.ip = addr
	return true
}

// freeIP gives the pod's IP back to its node's pool: the pod ended.
func (r *records) freeIP(p *podState) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.freeLocked(p)
}

// freeLocked frees the pod's IP; r.mu is held.
func (r *records) freeLocked(p *podState) {
	if !p.ip.IsValid() {
		return
	}
	if n := r.live(p.node); n != nil && n.pool.used[p.ip] == p.uid {
		delete(n.pool.used, p.ip)
	}
	p.ip = netip.Addr{}
}

// errBadPodCIDR marks a podCIDR no pod can get an address from, ever: one
// that does not parse, or has no address left once the network address, the
// node's own and (IPv4) the broadcast address are set aside (a /31 or /32,
// a /127 or /128). Retrying does not help; the node's podCIDR is immutable.
var errBadPodCIDR = errors.New("podCIDR unusable for pods")

// giveIP returns the pod's IP, picking a free one in cidr the first time.
// The first host address of the CIDR is the node's own.
func (r *records) giveIP(p *podState, cidr string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p.ip.IsValid() && r.takeLocked(p, p.ip) {
		return p.ip.String(), nil
	}
	prefix, err := podPrefix(p.node, cidr)
	if err != nil {
		return "", err
	}
	n := r.live(p.node)
	if n == nil {
		return "", fmt.Errorf("node %s is no longer the simulator's", p.node)
	}
	ip, ok := n.pool.next(prefix)
	if !ok {
		return "", fmt.Errorf("node %s has no free pod IP left in %s", p.node, cidr)
	}
	n.pool.used[ip] = p.uid
	p.ip = ip
	return ip.String(), nil
}

// podPrefix parses a node's podCIDR and checks that it has an address for
// pods; the errors name the node and the range and wrap errBadPodCIDR.
func podPrefix(node, cidr string) (netip.Prefix, error) {
	prefix, err := netip.ParsePrefix(cidr)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("node %s has an invalid podCIDR %q: %w (%w)", node, cidr, errBadPodCIDR, err)
	}
	prefix = prefix.Masked()
	if first := firstPodIP(prefix); !prefix.Contains(first) || isBroadcast(prefix, first) {
		return netip.Prefix{}, fmt.Errorf("node %s: podCIDR %s has no address for pods after the network address "+
			"and the node's own: %w", node, cidr, errBadPodCIDR)
	}
	return prefix, nil
}

// firstPodIP is the first address after the network address and the node's own.
func firstPodIP(prefix netip.Prefix) netip.Addr {
	return prefix.Addr().Next().Next()
}

// next finds a free address from the cursor on, wrapping once. The prefix
// must hold at least one address for pods (see podPrefix).
func (p *nodePool) next(prefix netip.Prefix) (netip.Addr, bool) {
	first := firstPodIP(prefix)
	start := p.cursor
	if !start.IsValid() || !prefix.Contains(start) || start.Less(first) || isBroadcast(prefix, start) {
		start = first
	}
	for ip := start; ; {
		if _, taken := p.used[ip]; !taken {
			p.cursor = ip.Next()
			return ip, true
		}
		if ip = ip.Next(); !prefix.Contains(ip) || isBroadcast(prefix, ip) {
			ip = first
		}
		if ip == start { // every address for pods is taken
			return netip.Addr{}, false
		}
	}
}

func isBroadcast(prefix netip.Prefix, ip netip.Addr) bool {
	return ip.Is4() && !prefix.Contains(ip.Next())
}

// nodeIP is the node's own address: the first host address of its podCIDR.
// A /32 (or /128) has none; its errors wrap errBadPodCIDR.
func nodeIP(cidr string) (string, error) {
	prefix, err := netip.ParsePrefix(cidr)
	if err != nil {
		return "", fmt.Errorf("invalid podCIDR %q: %w (%w)", cidr, errBadPodCIDR, err)
	}
	prefix = prefix.Masked()
	ip := prefix.Addr().Next()
	if !prefix.Contains(ip) {
		return "", fmt.Errorf("podCIDR %s has no address for the node: %w", cidr, errBadPodCIDR)
	}
	return ip.String(), nil
}
