package benchresult

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Read reads a result file, refusing a file that is not a result or has a
// schema version this kmctl does not read.
func Read(path string) (*Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("failed to read bench result: %w", err)
	}
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s is not a kmctl bench result: %w", path, err)
	}
	if err := checkHead(head.APIVersion, head.Kind); err != nil {
		return nil, fmt.Errorf("%s %w", path, err)
	}
	r := &Result{}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("%s is not a valid %s %s: %w", path, APIVersion, Kind, err)
	}
	return r, nil
}

// checkHead says what is wrong with a file's apiVersion and kind.
func checkHead(apiVersion, kind string) error {
	switch {
	case kind != Kind:
		return fmt.Errorf("is not a kmctl bench result (kind %q, want %q)", kind, Kind)
	case apiVersion != APIVersion:
		return fmt.Errorf("has result schema %q, and this kmctl reads %q; use the kmctl that wrote it, or run the workload again", apiVersion, APIVersion)
	}
	return nil
}

// Write writes r to path as indented JSON. It writes a temp file beside path
// and renames it, so a reader never sees half a result.
func (r *Result) Write(path string) (err error) {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("failed to encode bench result for %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("failed to write bench result: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	_, err = tmp.Write(append(data, '\n'))
	err = errors.Join(err, tmp.Chmod(0o644), tmp.Sync(), tmp.Close())
	if err != nil {
		return fmt.Errorf("failed to write bench result %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
