package scale

import (
	"sort"
	"strconv"
	"strings"
)

// objectName is the name of object index of a prefix.
func objectName(prefix string, index int) string {
	return prefix + "-" + strconv.Itoa(index)
}

// parseIndex returns the index of a name made by objectName, and false for
// any other name (those are left alone).
func parseIndex(prefix, name string) (int, bool) {
	digits, ok := strings.CutPrefix(name, prefix+"-")
	if !ok || digits == "" {
		return 0, false
	}
	i, err := strconv.Atoi(digits)
	if err != nil || i < 0 || strconv.Itoa(i) != digits {
		return 0, false
	}
	return i, true
}

// plan returns the indices to create and to delete so that desired live
// objects exist. It counts, it does not renumber: live {0,1,2,5} with
// desired 4 is already done. Creation fills the lowest indices that neither a
// live object nor one still being deleted (busy) holds, in ascending order;
// deletion takes the highest live indices, highest (newest) first. At most
// one of the two lists is non-empty.
func plan(live, busy []int, desired int) (create, remove []int) {
	if len(live) > desired {
		sorted := append([]int(nil), live...)
		sort.Sort(sort.Reverse(sort.IntSlice(sorted)))
		return nil, sorted[:len(live)-desired]
	}
	taken := make(map[int]bool, len(live)+len(busy))
	for _, i := range live {
		taken[i] = true
	}
	for _, i := range busy {
		taken[i] = true
	}
	for i := 0; len(create) < desired-len(live); i++ {
		if !taken[i] {
			create = append(create, i)
		}
	}
	return create, nil
}
