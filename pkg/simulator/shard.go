package simulator

// shardFunc returns whether a node name falls in shard index of count.
func shardFunc(index, count int) func(string) bool {
	if count <= 1 {
		return func(string) bool { return true }
	}
	return func(name string) bool {
		return int(hash64(name)%uint64(count)) == index
	}
}
