package scale

import "fmt"

// PodCIDR is node index's pod range, 10.<128+index/256>.<index%256>.0/24,
// unique for indices 0 to MaxNodes-1 and clear of the 10.96.0.0/12 service range.
func PodCIDR(index int) (string, error) {
	if index < 0 || index >= MaxNodes {
		return "", fmt.Errorf("node index %d is out of range: kmctl gives pod CIDRs to indices 0 to %d", index, MaxNodes-1)
	}
	return fmt.Sprintf("10.%d.%d.0/24", 128+index/256, index%256), nil
}

// InternalIP is node index's address: the first host of its pod CIDR, which
// is also the address the simulator reports for the node.
func InternalIP(index int) (string, error) {
	if index < 0 || index >= MaxNodes {
		return "", fmt.Errorf("node index %d is out of range: kmctl gives addresses to indices 0 to %d", index, MaxNodes-1)
	}
	return fmt.Sprintf("10.%d.%d.1", 128+index/256, index%256), nil
}
