package docker

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/pkg/stdcopy"

	"github.com/kmctl/kmctl/components"
)

// logTailTimeout bounds LogTail, which has no context of its own.
const logTailTimeout = 5 * time.Second

// Logs implements runtime.Runtime: the container's stdout and stderr,
// demultiplexed into w, following them until ctx is done when follow is set.
func (r *Runtime) Logs(ctx context.Context, c components.Component, follow bool, w io.Writer) error {
	return r.copyLogs(ctx, c, container.LogsOptions{ShowStdout: true, ShowStderr: true, Follow: follow}, w)
}

// LogTail implements runtime.Runtime: the last lines of the container's
// output, or "" when there is none.
func (r *Runtime) LogTail(c components.Component, lines int) string {
	ctx, cancel := context.WithTimeout(context.Background(), logTailTimeout)
	defer cancel()
	var buf bytes.Buffer
	opts := container.LogsOptions{ShowStdout: true, ShowStderr: true, Tail: strconv.Itoa(max(lines, 0))}
	if err := r.copyLogs(ctx, c, opts, &buf); err != nil {
		return ""
	}
	return strings.TrimRight(buf.String(), "\n")
}

// copyLogs copies a container's log to w; ctx ending is no error.
func (r *Runtime) copyLogs(ctx context.Context, c components.Component, opts container.LogsOptions, w io.Writer) error {
	name := ContainerName(r.cluster, c.Name)
	rc, err := r.cli.ContainerLogs(ctx, name, opts)
	if err != nil {
		return fmt.Errorf("no log for %s (is its container gone? see `kmctl get clusters`): %w", c.Name, err)
	}
	defer rc.Close()
	if _, err := stdcopy.StdCopy(w, w, rc); err != nil && ctx.Err() == nil {
		return fmt.Errorf("failed to read the log of %s: %w", c.Name, err)
	}
	return nil
}
