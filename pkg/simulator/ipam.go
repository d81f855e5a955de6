package simulator

import (
	"errors"
	"fmt"
	"net/netip"
	"sync"

	"k8s.io/apimachinery/pkg/types"
)

// ipam hands out pod IPs from each node's podCIDR. An IP is never given to
// two live pods; it is freed when its pod goes away, and rebuilt after a
// restart from the IPs existing pods report.
//
// Each node's pool knows which pod holds which address. byPod remembers only
// the addresses handed out and not yet seen in a pod's status: once a pod
// reports its IP, the pod itself says where to release it, so 100 000 running
// pods cost one map entry each, not two.
type ipam struct {
	mu    sync.Mutex
	nodes map[string]*nodePool
	byPod map[types.UID]podIP
}

type podIP struct {
	node string
	ip   netip.Addr
}

type nodePool struct {
	used   map[netip.Addr]types.UID
	cursor netip.Addr
}

func newIPAM() *ipam {
	return &ipam{nodes: map[string]*nodePool{}, byPod: map[types.UID]podIP{}}
}

func (a *ipam) pool(node string) *nodePool {
	p := a.nodes[node]
	if p == nil {
		p = &nodePool{used: map[netip.Addr]types.UID{}}
		a.nodes[node] = p
	}
	return p
}

// Reserve records an IP a pod reports: one it was given (which confirms it)
// or one it already had before a restart.
func (a *ipam) Reserve(node string, uid types.UID, ip string) {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if given, ok := a.byPod[uid]; ok {
		delete(a.byPod, uid)
		if given.ip == addr && given.node == node {
			return
		}
		a.free(given.node, given.ip, uid)
	}
	p := a.pool(node)
	if _, taken := p.used[addr]; taken {
		return
	}
	p.used[addr] = uid
}

// errBadPodCIDR marks a podCIDR no pod can get an address from, ever: one
// that does not parse, or has no address left once the network address, the
// node's own and (IPv4) the broadcast address are set aside (a /31 or /32,
// a /127 or /128). Retrying does not help; the node's podCIDR is immutable.
var errBadPodCIDR = errors.New("podCIDR unusable for pods")

// Allocate returns the pod's IP, picking a free one in cidr the first time.
// The first host address of the CIDR is the node's own.
func (a *ipam) Allocate(node, cidr string, uid types.UID) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if got, ok := a.byPod[uid]; ok {
		return got.ip.String(), nil
	}
	prefix, err := podPrefix(node, cidr)
	if err != nil {
		return "", err
	}
	p := a.pool(node)
	ip, ok := p.next(prefix)
	if !ok {
		return "", fmt.Errorf("node %s has no free pod IP left in %s", node, cidr)
	}
	p.used[ip] = uid
	a.byPod[uid] = podIP{node: node, ip: ip}
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

// Release frees the pod's IP: the one handed out and not yet confirmed, or
// the one the pod reported (ip, on node).
func (a *ipam) Release(uid types.UID, node, ip string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if given, ok := a.byPod[uid]; ok {
		delete(a.byPod, uid)
		a.free(given.node, given.ip, uid)
	}
	if addr, err := netip.ParseAddr(ip); err == nil {
		a.free(node, addr, uid)
	}
}

// free releases ip on node if uid holds it.
func (a *ipam) free(node string, ip netip.Addr, uid types.UID) {
	if p := a.nodes[node]; p != nil && p.used[ip] == uid {
		delete(p.used, ip)
	}
}

// ForgetNode drops a deleted node's pool.
func (a *ipam) ForgetNode(node string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if p := a.nodes[node]; p != nil {
		for _, uid := range p.used {
			delete(a.byPod, uid)
		}
	}
	delete(a.nodes, node)
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
