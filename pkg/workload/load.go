package workload

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kmctl/kmctl/templates"
)

// builtinDir is where the built-ins live in templates.Workloads.
const builtinDir = "workloads"

// builtinPrefix marks a built-in's source.
const builtinPrefix = "builtin:"

// Load reads a built-in workload by name (see Builtins) or a workload file
// by path, with params overridden, and checks that every file it refers
// to exists.
func Load(nameOrPath string, overrides map[string]string) (*Workload, error) {
	source, data, err := read(nameOrPath)
	if err != nil {
		return nil, err
	}
	w, err := Parse(source, data, overrides)
	if err != nil {
		return nil, err
	}
	for _, op := range w.Ops {
		for _, rel := range []string{op.Template, op.File} {
			if rel == "" {
				continue
			}
			if _, err := w.ReadFile(rel); err != nil {
				return nil, &fileError{source: source, line: op.Line, msg: err.Error()}
			}
		}
	}
	return w, nil
}

// read finds the workload's text: a file when the name is a path to one,
// else a built-in.
func read(nameOrPath string) (source string, data []byte, err error) {
	if data, err := os.ReadFile(nameOrPath); err == nil {
		return nameOrPath, data, nil
	} else if strings.ContainsAny(nameOrPath, "/.") || !errors.Is(err, os.ErrNotExist) {
		return "", nil, fmt.Errorf("cannot read workload %s: %w", nameOrPath, err)
	}
	data, err = templates.Workloads.ReadFile(path.Join(builtinDir, nameOrPath+".yaml"))
	if err != nil {
		return "", nil, fmt.Errorf("no workload %q: it is neither a file nor a built-in (%s); `kmctl bench list` lists them", nameOrPath, strings.Join(builtinNames(), ", "))
	}
	return builtinPrefix + nameOrPath, data, nil
}

// ReadFile reads a file a workload refers to (a template, a manifest),
// relative to the workload file, or within the built-ins for a built-in.
func (w *Workload) ReadFile(rel string) ([]byte, error) {
	if strings.HasPrefix(w.Source, builtinPrefix) {
		data, err := templates.Workloads.ReadFile(path.Join(builtinDir, rel))
		if err != nil {
			return nil, fmt.Errorf("the built-in %s refers to %s, which it lacks", w.Source, rel)
		}
		return data, nil
	}
	p := rel
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(w.Source), rel)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s (relative to the workload file): %w", rel, err)
	}
	return data, nil
}

// Info describes a built-in workload for `kmctl bench list`.
type Info struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Params      []Param `json:"params"`
}

// Builtins describes every built-in workload, by name.
func Builtins() ([]Info, error) {
	var out []Info
	for _, name := range builtinNames() {
		data, err := templates.Workloads.ReadFile(path.Join(builtinDir, name+".yaml"))
		if err != nil {
			return nil, err
		}
		info, err := describe(builtinPrefix+name, data)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

// describe reads a workload's metadata and params without substituting.
func describe(source string, data []byte) (Info, error) {
	var doc struct {
		Metadata Metadata `yaml:"metadata"`
		Params   []struct {
			Name        string `yaml:"name"`
			Default     string `yaml:"default"`
			Description string `yaml:"description"`
		} `yaml:"params"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Info{}, fmt.Errorf("%s: %w", source, err)
	}
	info := Info{Name: doc.Metadata.Name, Description: doc.Metadata.Description}
	for _, p := range doc.Params {
		info.Params = append(info.Params, Param{Name: p.Name, Default: p.Default, Description: p.Description})
	}
	return info, nil
}

// builtinNames lists the built-in workloads.
func builtinNames() []string {
	entries, _ := fs.ReadDir(templates.Workloads, builtinDir)
	var out []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !strings.Contains(n, "-") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}
