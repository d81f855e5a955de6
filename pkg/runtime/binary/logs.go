package binary

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kmctl/kmctl/components"
)

// Logs implements runtime.Runtime by copying the log file, then polling it when following.
func (r *Runtime) Logs(ctx context.Context, c components.Component, follow bool, w io.Writer) error {
	f, err := os.Open(r.LogPath(c.Name))
	if err != nil {
		return fmt.Errorf("no log for %s: %w", c.Name, err)
	}
	defer f.Close()
	for {
		if _, err := io.Copy(w, f); err != nil {
			return err
		}
		if !follow {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// LogTail implements runtime.Runtime.
func (r *Runtime) LogTail(c components.Component, lines int) string {
	return tailFile(r.LogPath(c.Name), lines)
}

// tailFile returns the last lines of a file, reading at most its last 64 KiB.
func tailFile(path string, lines int) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	const window = 64 << 10
	if info, err := f.Stat(); err == nil && info.Size() > window {
		_, _ = f.Seek(-window, io.SeekEnd)
	}
	data, _ := io.ReadAll(f)
	all := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}
