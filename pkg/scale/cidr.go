package scale

import (
	"context"
	"fmt"
	"net/netip"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// cidrSlots hands out the pod ranges of new nodes (slot i is PodCIDR(i)) so
// that no two nodes share one: a node takes the slot of its own index when
// no existing node holds it, else the lowest free slot. Node pools made with
// different prefixes thus never share a pod range or an address.
type cidrSlots struct {
	mu   sync.Mutex
	used map[int]bool
	// given holds the slot taken for each node index, so that the check of
	// a template and the creation of the node render the same range.
	given map[int]int
	next  int // every slot below next is used
}

// newCIDRSlots marks the slots of the pod ranges existing nodes hold.
func newCIDRSlots(held []string) *cidrSlots {
	c := &cidrSlots{used: map[int]bool{}, given: map[int]int{}}
	for _, cidr := range held {
		if slot, ok := slotOf(cidr); ok {
			c.used[slot] = true
		}
	}
	return c
}

// take reserves a slot for node index, or returns the one it reserved before.
func (c *cidrSlots) take(index int) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if slot, ok := c.given[index]; ok {
		return slot, nil
	}
	slot, err := c.free(index)
	if err != nil {
		return 0, err
	}
	c.used[slot], c.given[index] = true, slot
	return slot, nil
}

// free returns slot index when no node holds it, else the lowest free slot.
func (c *cidrSlots) free(index int) (int, error) {
	if index >= 0 && index < MaxNodes && !c.used[index] {
		return index, nil
	}
	for ; c.next < MaxNodes; c.next++ {
		if !c.used[c.next] {
			return c.next, nil
		}
	}
	return 0, fmt.Errorf("all %d pod ranges kmctl gives nodes are taken; delete some nodes first", MaxNodes)
}

// slotOf is the inverse of PodCIDR.
func slotOf(cidr string) (int, bool) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || p.Bits() != 24 || !p.Addr().Is4() {
		return 0, false
	}
	b := p.Addr().As4()
	if b[0] != 10 || b[1] < 128 {
		return 0, false
	}
	return (int(b[1])-128)*256 + int(b[2]), true
}

// heldPodCIDRs lists the pod ranges of every node in the cluster, page by page.
func heldPodCIDRs(ctx context.Context, client kubernetes.Interface) ([]string, error) {
	var held []string
	o := metav1.ListOptions{Limit: listPageSize}
	for {
		l, err := client.CoreV1().Nodes().List(ctx, o)
		if err != nil {
			return nil, fmt.Errorf("cannot list nodes: %w", err)
		}
		for i := range l.Items {
			held = append(held, l.Items[i].Spec.PodCIDRs...)
			if len(l.Items[i].Spec.PodCIDRs) == 0 && l.Items[i].Spec.PodCIDR != "" {
				held = append(held, l.Items[i].Spec.PodCIDR)
			}
		}
		if l.Continue == "" {
			return held, nil
		}
		o.Continue = l.Continue
	}
}
