package benchrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/pprof/profile"

	"github.com/kmctl/kmctl/pkg/benchresult"
	kprofile "github.com/kmctl/kmctl/pkg/profile"
)

// ProfileComponents are the components --profile takes: the cluster's,
// and kmctl itself, whose profile is the one its measuring cost is read
// from.
var ProfileComponents = append(append([]string{}, kprofile.Components...), Self)

// profileChunk is the length of one CPU profile request: a measured op's
// length is not known in advance, so profiles are taken back to back and
// merged, and the last one ends at most this much after the op.
const profileChunk = 10 * time.Second

func checkProfiles(list []string) error {
	for _, c := range list {
		if !contains(ProfileComponents, c) {
			return fmt.Errorf("--profile %s: no such component; pick one of %s", c, strings.Join(ProfileComponents, ", "))
		}
	}
	return nil
}

// fetchCPU takes one CPU profile of a component over d.
type fetchCPU func(ctx context.Context, component string, d time.Duration) ([]byte, error)

// profiler reaches the components --profile names.
func (r *run) profiler() (fetchCPU, error) {
	targets := map[string]kprofile.Target{}
	for _, c := range r.o.Profile {
		if c == Self {
			continue // kmctl profiles itself on every measured op
		}
		t, err := kprofile.NewTarget(r.cfg, r.restConfig, c)
		if err != nil {
			return nil, err
		}
		targets[c] = t
	}
	return func(ctx context.Context, component string, d time.Duration) ([]byte, error) {
		return kprofile.Fetch(ctx, targets[component], "cpu", d)
	}, nil
}

// profiling takes CPU profiles of components back to back during a
// measured op.
type profiling struct {
	fetch  fetchCPU
	cancel context.CancelFunc
	wg     sync.WaitGroup
	mu     sync.Mutex
	parts  map[string][]*profile.Profile
	errs   []error
}

// startProfiling begins profiling every component asked for.
func startProfiling(ctx context.Context, fetch fetchCPU, comps []string) *profiling {
	ctx, cancel := context.WithCancel(ctx)
	p := &profiling{fetch: fetch, cancel: cancel, parts: map[string][]*profile.Profile{}}
	for _, c := range comps {
		if c == Self {
			continue
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.loop(ctx, c)
		}()
	}
	return p
}

// loop takes profiles until ctx ends; the one running then is finished
// (its request was sent), so the op is covered to its end.
func (p *profiling) loop(ctx context.Context, comp string) {
	for ctx.Err() == nil {
		data, err := p.fetch(context.WithoutCancel(ctx), comp, profileChunk)
		p.mu.Lock()
		if err == nil {
			var prof *profile.Profile
			if prof, err = profile.ParseData(data); err == nil {
				p.parts[comp] = append(p.parts[comp], prof)
			}
		}
		if err != nil {
			p.errs = append(p.errs, fmt.Errorf("profile of %s: %w", comp, err))
		}
		p.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// stop waits for the running profiles and writes one merged file per
// component into dir, named after the op.
func (p *profiling) stop(dir, op string) ([]benchresult.Profile, error) {
	p.cancel()
	p.wg.Wait()
	var out []benchresult.Profile
	for comp, parts := range p.parts {
		merged, err := profile.Merge(parts)
		if err != nil {
			p.errs = append(p.errs, fmt.Errorf("cannot merge the profiles of %s: %w", comp, err))
			continue
		}
		file := profileFile(comp, op)
		if err := writeProfile(filepath.Join(dir, file), merged); err != nil {
			p.errs = append(p.errs, err)
			continue
		}
		out = append(out, benchresult.Profile{Component: comp, Type: "cpu", Op: op, File: file, Top: kprofile.Top(merged, 15)})
	}
	return out, errors.Join(p.errs...)
}

// profileFile names the CPU profile of comp over op.
func profileFile(comp, op string) string {
	return fmt.Sprintf("%s-%s-cpu.pprof", comp, op)
}

func writeProfile(path string, prof *profile.Profile) error {
	var buf bytes.Buffer
	if err := prof.Write(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
