package artifacts

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// errorTailLines is how many lines of a failed command's output an error shows.
const errorTailLines = 20

// builder runs go commands in a build work directory.
type builder struct {
	goBin       string
	env         []string
	dir         string    // work dir holding the generated module
	outDir      string    // where the recipe puts the binaries
	version     string    // release being built
	versionFlag string    // flag that selects the version, for hints
	log         io.Writer // receives the full output of every command
	logPath     string
}

// writeFile writes a generated file into the work dir.
func (b *builder) writeFile(name, content string) error {
	if err := os.WriteFile(filepath.Join(b.dir, name), []byte(content), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w; check free space in %s", name, err, b.dir)
	}
	return nil
}

// goCmd runs "go args..." in the work dir. A failure names the command
// and shows the last lines of its output.
func (b *builder) goCmd(ctx context.Context, args ...string) error {
	return b.run(ctx, nil, args)
}

// goStdout is goCmd that also returns what the command wrote to stdout.
func (b *builder) goStdout(ctx context.Context, args ...string) (string, error) {
	var stdout bytes.Buffer
	err := b.run(ctx, &stdout, args)
	return stdout.String(), err
}

// run runs a go command, copying its output to the log and, if not nil,
// its stdout to stdout. Without stdout, both streams share one pipe so the
// error tail keeps their order.
func (b *builder) run(ctx context.Context, stdout io.Writer, args []string) error {
	cmd := exec.CommandContext(ctx, b.goBin, args...)
	cmd.Dir = b.dir
	cmd.Env = b.env
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) } // let go clean up
	cmd.WaitDelay = 10 * time.Second
	all := &lockedBuffer{}
	combined := io.MultiWriter(all, b.log)
	cmd.Stdout, cmd.Stderr = combined, combined
	if stdout != nil {
		cmd.Stdout = io.MultiWriter(stdout, combined)
	}
	line := commandLine(args)
	fmt.Fprintf(b.log, "$ %s\n", line)
	err := cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", line, ctx.Err())
	}
	if err != nil {
		return fmt.Errorf("`%s`: %w\n%s\n(full log: %s)", line, err, tail(all.String(), errorTailLines), b.logPath)
	}
	return nil
}

// upstreamGoMod downloads module@version through the Go module proxy and
// returns the text of its go.mod. An unknown version yields the go tool's
// message plus a hint to check the version flag.
func (b *builder) upstreamGoMod(ctx context.Context, module, version string) (string, error) {
	if err := b.writeFile("go.mod", "module kmctl.local/download\n\ngo "+fallbackGoVersion+"\n"); err != nil {
		return "", err
	}
	out, runErr := b.goStdout(ctx, "mod", "download", "-json", module+"@"+version)
	var info struct{ GoMod, Error string }
	if jsonErr := json.Unmarshal([]byte(out), &info); jsonErr != nil || runErr != nil || info.Error != "" {
		if info.Error != "" {
			return "", fmt.Errorf("%s; check %s", strings.TrimSpace(info.Error), b.versionFlag)
		}
		if runErr == nil {
			runErr = fmt.Errorf("unexpected output of go mod download: %w", jsonErr)
		}
		return "", fmt.Errorf("%w; check %s and your Go module proxy (GOPROXY)", runErr, b.versionFlag)
	}
	data, err := os.ReadFile(info.GoMod)
	if err != nil {
		return "", fmt.Errorf("reading go.mod of %s@%s: %w; try go clean -modcache", module, version, err)
	}
	return string(data), nil
}

// commandLine formats a go command for messages, quoting arguments with spaces.
func commandLine(args []string) string {
	quoted := []string{"go"}
	for _, a := range args {
		if strings.ContainsAny(a, " \t") {
			a = `"` + a + `"`
		}
		quoted = append(quoted, a)
	}
	return strings.Join(quoted, " ")
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// lockedBuffer is a bytes.Buffer safe for the concurrent writes of a
// command's stdout and stderr copiers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String returns everything written so far.
func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
