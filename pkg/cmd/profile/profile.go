// Package profile implements `kmctl profile`.
package profile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	pprofile "github.com/google/pprof/profile"
	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/cmd"
	"github.com/kmctl/kmctl/pkg/profile"
)

type flagpole struct {
	name    string
	typ     string
	seconds int
	output  string
	top     int
}

// NewCommand returns `kmctl profile`.
func NewCommand(g *cmd.Globals) *cobra.Command {
	f := &flagpole{}
	c := &cobra.Command{
		Use:   "profile COMPONENT",
		Short: "Take a pprof profile of a component: " + strings.Join(profile.Components, ", "),
		Long: `Take a pprof profile of a running component over its own /debug/pprof and
write it to a file for go tool pprof. It works on any cluster, with or
without --kube-scheduler-debug: the scheduler, controller-manager and
apiserver are read with the cluster's admin certificate. Mutex and block
profiles hold samples only when the process samples them (kube-scheduler:
--extra-args kube-scheduler:contention-profiling=true).`,
		Example: `  kmctl profile kube-scheduler --seconds 30 -o sched.pprof
  kmctl profile kube-apiserver --type heap --top 20
  go tool pprof -http=127.0.0.1:8080 sched.pprof`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runE(c, g, f, args[0])
		},
	}
	fs := c.Flags()
	fs.StringVar(&f.name, "name", cluster.DefaultName, "cluster name")
	fs.StringVar(&f.typ, "type", "cpu", "profile type: "+strings.Join(profile.Types, ", "))
	fs.IntVar(&f.seconds, "seconds", 30, "length of a CPU profile")
	fs.StringVarP(&f.output, "output", "o", "", "file to write (default: <component>-<type>-<time>.pprof here); it must not exist")
	fs.IntVar(&f.top, "top", 0, "also print the top N functions by flat value")
	return c
}

func runE(c *cobra.Command, g *cmd.Globals, f *flagpole, component string) error {
	d := time.Duration(f.seconds) * time.Second
	if _, err := profile.Path(f.typ, d); err != nil {
		return err
	}
	out := f.output
	if out == "" {
		out = fmt.Sprintf("%s-%s-%s.pprof", component, f.typ, time.Now().Format("20060102-150405"))
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists; pick another -o, profiles are never overwritten", out)
	}
	m, err := g.Manager()
	if err != nil {
		return err
	}
	t, err := target(m, f.name, component)
	if err != nil {
		return err
	}
	if f.typ == "cpu" {
		m.Log.Infof("Profiling %s for %s", component, d)
	}
	data, err := profile.Fetch(c.Context(), t, f.typ, d)
	if err != nil {
		return err
	}
	if err := writeNew(out, data); err != nil {
		return err
	}
	fmt.Fprintf(g.Out, "Wrote %s; read it with: go tool pprof -top %s\n", out, out)
	return printTop(g, data, f)
}

func target(m *cluster.Manager, name, component string) (profile.Target, error) {
	cfg, err := m.Config(name)
	if err != nil {
		return profile.Target{}, err
	}
	admin, err := m.RESTConfig(name)
	if err != nil {
		return profile.Target{}, err
	}
	return profile.NewTarget(cfg, admin, component)
}

// writeNew writes data to path through a temp file and a rename, so that a
// failed write leaves no partial profile, and never replaces a file.
func writeNew(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".profile-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s appeared meanwhile; not replaced", path)
		}
		return err
	}
	return nil
}

func printTop(g *cmd.Globals, data []byte, f *flagpole) error {
	p, err := pprofile.ParseData(data)
	if err != nil {
		return err
	}
	if len(p.Sample) == 0 {
		fmt.Fprintf(g.ErrOut, "The %s profile holds no samples", f.typ)
		if f.typ == "cpu" {
			fmt.Fprint(g.ErrOut, ": the component was idle")
		}
		if f.typ == "mutex" || f.typ == "block" {
			fmt.Fprint(g.ErrOut, ": the process samples no contention unless asked (kube-scheduler and kube-controller-manager: --extra-args <component>:contention-profiling=true at create)")
		}
		fmt.Fprintln(g.ErrOut)
		return nil
	}
	if f.top <= 0 {
		return nil
	}
	for _, fn := range profile.Top(p, f.top) {
		fmt.Fprintf(g.Out, "%6.2f%% %6.2f%%  %s\n", fn.FlatPct, fn.CumPct, fn.Function)
	}
	return nil
}
