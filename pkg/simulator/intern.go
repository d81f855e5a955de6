package simulator

import (
	"strings"
	"sync"
)

// interner hands out one copy of each equal string, so that 100 000 cached
// pods share a few namespace and node-name strings instead of holding their
// own. It forgets everything once it holds maxInterned strings, which bounds
// it when nodes come and go for days.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

const maxInterned = 1 << 16

// shared is the simulator's interner (the informers' transform is a plain
// function, so it cannot reach a Simulator).
var shared = &interner{m: map[string]string{}}

func (i *interner) intern(s string) string {
	if s == "" {
		return s
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	if v, ok := i.m[s]; ok {
		return v
	}
	if len(i.m) >= maxInterned {
		clear(i.m)
	}
	v := strings.Clone(s)
	i.m[v] = v
	return v
}
