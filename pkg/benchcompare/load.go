package benchcompare

import "github.com/kmctl/kmctl/pkg/benchresult"

// Side is one run dir: a run, or the repeats of one.
type Side struct {
	// Label is the dir as the user named it.
	Label string
	// Files and Results are its result files, in order of repeat.
	Files   []string
	Results []*benchresult.Result
}

// Load reads the results of a run dir (result.json or run-N/result.json) or
// of one result file.
func Load(path string) (*Side, error) {
	files, err := benchresult.Files(path)
	if err != nil {
		return nil, err
	}
	s := &Side{Label: path, Files: files}
	for _, f := range files {
		r, err := benchresult.Read(f)
		if err != nil {
			return nil, err
		}
		s.Results = append(s.Results, r)
	}
	return s, nil
}

// LoadAll loads each path in turn.
func LoadAll(paths []string) ([]*Side, error) {
	sides := make([]*Side, 0, len(paths))
	for _, p := range paths {
		s, err := Load(p)
		if err != nil {
			return nil, err
		}
		sides = append(sides, s)
	}
	return sides, nil
}

// measured returns the measured op called name in r, or nil.
func measured(r *benchresult.Result, name string) *benchresult.Metrics {
	for _, op := range r.Ops {
		if op.Name == name && op.Metrics != nil {
			return op.Metrics
		}
	}
	return nil
}

// measuredOps lists the names of the measured ops of a side's results in
// the order they ran, each once.
func (s *Side) measuredOps() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range s.Results {
		for _, op := range r.Ops {
			if op.Metrics != nil && !seen[op.Name] {
				seen[op.Name] = true
				out = append(out, op.Name)
			}
		}
	}
	return out
}
