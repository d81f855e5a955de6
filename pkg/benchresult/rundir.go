package benchresult

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// FileName is the result file of a run dir.
const FileName = "result.json"

// repeatPrefix starts the name of each repeat's dir under a run dir.
const repeatPrefix = "run-"

// Files finds the result files of a run: path itself when it is a file,
// path/result.json, or else path/run-N/result.json of each repeat, in order
// of N.
func Files(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read run %s: %w", path, err)
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	single := filepath.Join(path, FileName)
	if _, err := os.Stat(single); err == nil {
		return []string{single}, nil
	}
	files, err := repeatFiles(path)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no %s (nor %sN/%s); give a run dir written by kmctl bench run -o DIR, or a result file", path, FileName, repeatPrefix, FileName)
	}
	return files, nil
}

// repeatFiles lists dir/run-N/result.json in order of N.
func repeatFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("failed to read run dir: %w", err)
	}
	type repeat struct {
		n    int
		path string
	}
	var found []repeat
	for _, e := range entries {
		n, err := strconv.Atoi(strings.TrimPrefix(e.Name(), repeatPrefix))
		if !e.IsDir() || !strings.HasPrefix(e.Name(), repeatPrefix) || err != nil {
			continue
		}
		p := filepath.Join(dir, e.Name(), FileName)
		if _, err := os.Stat(p); err == nil {
			found = append(found, repeat{n, p})
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].n < found[j].n })
	out := make([]string, len(found))
	for i, r := range found {
		out[i] = r.path
	}
	return out, nil
}

// RepeatDir is the dir of repeat n (from 1) of a run with several.
func RepeatDir(dir string, n int) string {
	return filepath.Join(dir, fmt.Sprintf("%s%d", repeatPrefix, n))
}

// RenderEach calls render with the dir and the result of every result file
// of a run (see Files), and returns what render wrote: the one loop behind
// every report that is rendered beside a result.
func RenderEach(path string, render func(dir string, r *Result) (string, error)) ([]string, error) {
	files, err := Files(path)
	if err != nil {
		return nil, err
	}
	var written []string
	for _, f := range files {
		r, err := Read(f)
		if err != nil {
			return written, err
		}
		out, err := render(filepath.Dir(f), r)
		if err != nil {
			return written, err
		}
		written = append(written, out)
	}
	return written, nil
}
