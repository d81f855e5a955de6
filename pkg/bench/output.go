package bench

import (
	"fmt"
	"os"
	"path/filepath"
)

// checkOutput makes sure the report can be written to path (--output) at the
// end of the run, before any cluster is created, and leaves nothing behind:
// path must not be a directory, an existing file must open for writing, and
// otherwise the nearest existing directory above it must take a new file
// (WriteFile creates the directories in between). Empty path writes none.
func checkOutput(path string) error {
	if path == "" {
		return nil
	}
	if os.IsPathSeparator(path[len(path)-1]) {
		return outputIsDir(path)
	}
	if info, err := os.Stat(path); err == nil {
		if info.IsDir() {
			return outputIsDir(path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0) // no O_TRUNC: the file stays as it is
		if err != nil {
			return fmt.Errorf("--output %s cannot be written: %w; give a file you can write", path, err)
		}
		return f.Close()
	}
	dir := existingParent(filepath.Dir(path))
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("--output %s cannot be written: %s is not a directory; give a file in a directory that exists or can be created", path, dir)
	}
	probe, err := os.CreateTemp(dir, ".kmctl-benchmark-*")
	if err != nil {
		return fmt.Errorf("--output %s cannot be written: %w; give a file in a directory you can write", path, err)
	}
	probe.Close()
	if err := os.Remove(probe.Name()); err != nil {
		return fmt.Errorf("cannot remove the file that checked --output: %w", err)
	}
	return nil
}

// outputIsDir is the error for an --output that names a directory.
func outputIsDir(path string) error {
	return fmt.Errorf("--output %s is a directory; give a file for the report, such as %s", path, filepath.Join(path, "latest.md"))
}

// existingParent is dir or the nearest directory above it that exists (or
// whatever stops the climb, such as a file).
func existingParent(dir string) string {
	for {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return dir
		}
		dir = up
	}
}
