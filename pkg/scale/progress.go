package scale

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Redraw intervals: a terminal redraws in place; a log file gets a line
// now and then instead of thousands of carriage returns.
const (
	terminalThrottle = 100 * time.Millisecond
	plainThrottle    = 5 * time.Second
)

// progress is a bar counting objects; a nil *progress shows nothing.
type progress struct {
	bar   *progressbar.ProgressBar
	w     io.Writer
	drawn atomic.Bool
}

// newProgress returns a bar to max on w, or nil when there is nothing to show.
func newProgress(w io.Writer, max int, desc string) *progress {
	if w == nil || w == io.Discard || max <= 0 {
		return nil
	}
	throttle, width := plainThrottle, 20
	if isTerminal(w) {
		throttle, width = terminalThrottle, 30
	}
	bar := progressbar.NewOptions(max,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(width),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("objects"),
		progressbar.OptionThrottle(throttle),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetElapsedTime(true),
	)
	return &progress{bar: bar, w: w}
}

// isTerminal reports whether w is a character device such as a tty.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// add counts one more object.
func (p *progress) add() {
	if p == nil {
		return
	}
	p.drawn.Store(true)
	_ = p.bar.Add(1)
}

// set shows n objects.
func (p *progress) set(n int) {
	if p == nil {
		return
	}
	p.drawn.Store(true)
	_ = p.bar.Set(n)
}

// done draws the full bar when ok, else leaves it where it stopped, and ends the line.
func (p *progress) done(ok bool) {
	if p == nil {
		return
	}
	if ok {
		_ = p.bar.Finish()
	} else {
		_ = p.bar.Exit()
	}
	if p.drawn.Load() || ok {
		fmt.Fprintln(p.w)
	}
}
