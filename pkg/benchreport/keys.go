package benchreport

import "sort"

// SortedKeys returns the keys of m: those named in first in its order, then
// the rest sorted.
func SortedKeys[V any](m map[string]V, first ...string) []string {
	rank := make(map[string]int, len(first))
	for i, k := range first {
		rank[k] = i - len(first)
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank[out[i]], rank[out[j]]
		if ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}
