package artifacts

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// plainProgressEvery is how often a build on a non-terminal Out reports
// that it is still running.
const plainProgressEvery = time.Minute

// startProgress shows that a build is running until the returned stop
// function is called: a spinner with the elapsed time when Out is a
// terminal, otherwise a "still building" line every minute (spinner frames
// would fill logs with carriage returns).
func (r *Resolver) startProgress(label string, start time.Time) (stop func()) {
	if f, ok := r.out().(*os.File); ok && isTerminal(f) {
		return spinner(f, label)
	}
	if r.out() == io.Discard {
		return func() {}
	}
	return plainProgress(r.out(), label, start, plainProgressEvery)
}

// isTerminal reports whether f is a character device such as a tty.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// spinner draws a progressbar spinner with elapsed time on w.
func spinner(w io.Writer, label string) (stop func()) {
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("building "+label),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
	return func() { _ = bar.Finish() }
}

// plainProgress prints a line to w every interval until stopped.
func plainProgress(w io.Writer, label string, start time.Time, interval time.Duration) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				fmt.Fprintf(w, "still building %s (%s elapsed)\n", label, time.Since(start).Round(time.Second))
			}
		}
	}()
	return func() {
		close(quit)
		<-done
	}
}
