// Package log is kmctl's one logging path: short status lines for the user,
// and more detail with -v.
package log

import (
	"fmt"
	"io"
	"sync"
)

// Logger writes status lines to one writer.
type Logger struct {
	mu        sync.Mutex
	out       io.Writer
	verbosity int
}

// New returns a logger writing to out; verbosity 0 shows status lines only.
func New(out io.Writer, verbosity int) *Logger {
	return &Logger{out: out, verbosity: verbosity}
}

// Discard is a logger that writes nothing.
func Discard() *Logger { return New(io.Discard, 0) }

// Infof writes one status line.
func (l *Logger) Infof(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.out, format+"\n", args...)
}

// V reports whether messages at the given verbosity are shown.
func (l *Logger) V(level int) bool { return l.verbosity >= level }

// Debugf writes a line only when running with -v.
func (l *Logger) Debugf(format string, args ...any) {
	if l.V(1) {
		l.Infof(format, args...)
	}
}

// Writer is where progress bars and build output go.
func (l *Logger) Writer() io.Writer { return l.out }
