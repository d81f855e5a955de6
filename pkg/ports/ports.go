// Package ports finds free TCP ports on the loopback interface and checks
// that a chosen one is free.
package ports

import (
	"fmt"
	"net"
	"strconv"
)

// Allocator hands out ports for one cluster; it never returns the same port twice.
type Allocator interface {
	// Pick returns want if it is free (naming flag in the error if not), or a
	// free port when want is 0.
	Pick(want int, flag string) (int, error)
}

// Local allocates ports on host (normally 127.0.0.1).
type Local struct {
	Host  string
	taken map[int]string // port -> the flag it was picked for
}

// NewLocal returns an allocator for 127.0.0.1.
func NewLocal() *Local { return &Local{Host: "127.0.0.1", taken: map[int]string{}} }

// Pick implements Allocator.
func (l *Local) Pick(want int, flag string) (int, error) {
	if want < 0 || want > 65535 {
		return 0, fmt.Errorf("port %d given by --%s is out of range 1-65535", want, flag)
	}
	if want != 0 {
		if other, ok := l.taken[want]; ok {
			return 0, fmt.Errorf("port %d is given to both --%s and --%s; give each its own port (or 0 for a free one)", want, other, flag)
		}
		if err := l.check(want); err != nil {
			return 0, fmt.Errorf("port %d given by --%s is already in use on %s; pick another with --%s or 0 for a free one", want, flag, l.Host, flag)
		}
		l.taken[want] = flag
		return want, nil
	}
	for i := 0; i < 100; i++ {
		p, err := l.free()
		if err != nil {
			return 0, fmt.Errorf("failed to find a free port for --%s: %w", flag, err)
		}
		if _, ok := l.taken[p]; !ok {
			l.taken[p] = flag
			return p, nil
		}
	}
	return 0, fmt.Errorf("failed to find a free port for --%s", flag)
}

func (l *Local) check(port int) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(l.Host, strconv.Itoa(port)))
	if err != nil {
		return err
	}
	return ln.Close()
}

func (l *Local) free() (int, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(l.Host, "0"))
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// Fixed hands out ports from a counter, for golden tests of dry runs (which
// otherwise use Local).
type Fixed struct {
	Next int
}

// Pick implements Allocator without touching the network.
func (f *Fixed) Pick(want int, _ string) (int, error) {
	if want != 0 {
		return want, nil
	}
	p := f.Next
	f.Next++
	return p, nil
}
