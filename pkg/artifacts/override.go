package artifacts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// isURL reports whether an override is an http(s) URL rather than a path.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// resolveOverride returns the executable named by a --<name>-binary flag.
func (r *Resolver) resolveOverride(ctx context.Context, req Request) (string, error) {
	if isURL(req.Override) {
		return r.download(ctx, req)
	}
	return localOverride(req)
}

// localOverride checks that a local override exists and is executable and
// returns its absolute path.
func localOverride(req Request) (string, error) {
	flag := OverrideFlag(req.Name)
	path, err := filepath.Abs(req.Override)
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", flag, req.Override, err)
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s %s: file does not exist; pass the path of a %s executable", flag, req.Override, req.Name)
	}
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", flag, req.Override, err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s %s: not a regular file; pass the path of a %s executable", flag, req.Override, req.Name)
	}
	if fi.Mode().Perm()&0o111 == 0 {
		return "", fmt.Errorf("%s %s: file is not executable; run chmod +x %s", flag, req.Override, path)
	}
	return path, nil
}

// downloadPath is where the binary behind an override URL is cached.
func (r *Resolver) downloadPath(req Request) string {
	sum := sha256.Sum256([]byte(req.Override))
	path := filepath.Join(r.CacheDir, "downloads", hex.EncodeToString(sum[:]), req.Name)
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// download fetches an override URL once and returns the cached executable.
func (r *Resolver) download(ctx context.Context, req Request) (string, error) {
	dest := r.downloadPath(req)
	if isExecutable(dest) {
		return dest, nil
	}
	flag := OverrideFlag(req.Name)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", fmt.Errorf("creating download cache for %s: %w; check permissions of %s", flag, err, r.CacheDir)
	}
	r.printf("downloading %s from %s\n", req.Name, req.Override)
	if err := fetchTo(ctx, req.Override, dest); err != nil {
		return "", fmt.Errorf("%s %s: %w", flag, req.Override, err)
	}
	return dest, nil
}

// fetchTo downloads url into dest atomically (temp file, then rename) and
// makes it executable.
func fetchTo(ctx context.Context, url, dest string) (err error) {
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("bad URL: %w", err)
	}
	resp, err := http.DefaultClient.Do(httpReq)
	if err != nil {
		return fmt.Errorf("download failed: %w; check the URL and your network, or pass a local path", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("download failed: HTTP status %s; check the URL", resp.Status)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".download-*")
	if err != nil {
		return fmt.Errorf("creating temp file: %w; check permissions of %s", err, filepath.Dir(dest))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = io.Copy(tmp, resp.Body); err != nil {
		return fmt.Errorf("download interrupted: %w; retry", err)
	}
	if err = tmp.Chmod(0o755); err != nil {
		return fmt.Errorf("making download executable: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing download: %w; check free disk space", err)
	}
	if err = os.Rename(tmp.Name(), dest); err != nil {
		return fmt.Errorf("moving download into the cache: %w", err)
	}
	return nil
}
