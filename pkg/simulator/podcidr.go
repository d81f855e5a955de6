package simulator

import (
	"context"
	"encoding/binary"
	"fmt"
	"net/netip"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// fallbackCIDRs is where nodes created without a podCIDR get one (8192 /24s).
var fallbackCIDRs = netip.MustParsePrefix("10.64.0.0/11")

// fallbackRanges hands out the /24s of fallbackCIDRs to nodes created
// without a podCIDR, so that no two nodes get the same one.
//
// Within a process, a range is reserved under the records' lock before the node is
// updated (the informer cache shows the update only later, so the cache alone
// would let two node workers pick the same range), and released if the update
// fails or the node is deleted. Between processes (shards, see shardFunc),
// which share nothing, range i goes only to nodes of shard i mod count:
// shards never pick the same range, each has 8192/count of them.
type fallbackRanges struct {
	shard, shards int
	byRange       map[string]string // range -> node it is reserved for
	byNode        map[string]string // node -> its range
}

func newFallbackRanges(shard, shards int) fallbackRanges {
	return fallbackRanges{shard: shard, shards: max(shards, 1), byRange: map[string]string{}, byNode: map[string]string{}}
}

// reserveRange returns the range for node: the one reserved for it before, else
// the lowest of this shard's ranges that no node in inUse (the cache) holds
// and no other node has reserved. fresh is true for a range reserved now.
func (r *records) reserveRange(node string, inUse map[string]bool) (cidr string, fresh bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := &r.ranges
	if cidr, ok := f.byNode[node]; ok {
		return cidr, false, nil
	}
	count := 1 << (24 - fallbackCIDRs.Bits())
	for i := f.shard; i < count; i += f.shards {
		cidr = fallbackRange(i).String()
		if _, taken := f.byRange[cidr]; !taken && !inUse[cidr] {
			f.byRange[cidr], f.byNode[node] = node, cidr
			return cidr, true, nil
		}
	}
	return "", false, fmt.Errorf("no free podCIDR left in %s for node %s among the /24s of shard %d of %d",
		fallbackCIDRs, node, f.shard, f.shards)
}

// releaseRange frees the range reserved for node, if it has one.
func (r *records) releaseRange(node string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := &r.ranges
	if cidr, ok := f.byNode[node]; ok {
		delete(f.byNode, node)
		delete(f.byRange, cidr)
	}
}

// fallbackRange is the i-th /24 of fallbackCIDRs.
func fallbackRange(i int) netip.Prefix {
	a := fallbackCIDRs.Addr().As4()
	binary.BigEndian.PutUint32(a[:], binary.BigEndian.Uint32(a[:])+uint32(i)<<8)
	return netip.PrefixFrom(netip.AddrFrom4(a), 24)
}

// assignPodCIDR gives node the lowest free /24 of the fallback range that
// falls to this shard (see fallbackRanges).
func (s *Simulator) assignPodCIDR(ctx context.Context, node *corev1.Node) error {
	inUse := map[string]bool{}
	for _, obj := range s.nodes.GetStore().List() {
		inUse[obj.(*corev1.Node).Spec.PodCIDR] = true
	}
	cidr, fresh, err := s.recs.reserveRange(node.Name, inUse)
	if err != nil {
		return err
	}
	updated := node.DeepCopy()
	updated.Spec.PodCIDR, updated.Spec.PodCIDRs = cidr, []string{cidr}
	start := time.Now()
	_, err = s.client.CoreV1().Nodes().Update(ctx, updated, metav1.UpdateOptions{})
	s.metrics.observe(writeNodeSpec, start, err)
	if err != nil && fresh {
		s.recs.releaseRange(node.Name)
	}
	return ignoreGone(err)
}

// hasRange reports whether a fallback range is reserved for node.
func (r *records) hasRange(node string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.ranges.byNode[node]
	return ok
}

// releaseRangeIfDeleted frees the fallback podCIDR of a node that left the
// simulator if it was deleted. A node leaves the watch also when it only
// stops matching the selector; that node still holds its podCIDR, so its
// range stays reserved (and goes back to it if it matches again). Only nodes
// created without a podCIDR have such a range, so the check costs one read
// for each of those, and none for the nodes kmctl makes. A range lost when
// the read fails is better than one handed out twice.
func (s *Simulator) releaseRangeIfDeleted(ctx context.Context, name string) {
	if !s.recs.hasRange(name) {
		return
	}
	_, err := s.client.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		s.recs.releaseRange(name)
	}
}
