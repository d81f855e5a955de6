package components

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// builderCase is one valid configuration of a builder and what its component must look like.
type builderCase struct {
	name  string
	build func() (Component, error)
	// want are args that must be present verbatim.
	want []string
	// absent are flag names (e.g. "--kube-api-qps") that must not appear at all.
	absent []string
	// first, if set, must be Args[0].
	first string
	// wantName, health, insecure, dependsOn and ports describe the rest of the component.
	wantName  string
	health    string
	insecure  bool
	dependsOn []string
	ports     []Port
	binary    string
}

func checkComponent(t *testing.T, tc builderCase) {
	t.Helper()
	c, err := tc.build()
	if err != nil {
		t.Fatalf("build: unexpected error: %v", err)
	}
	if c.Name != tc.wantName {
		t.Errorf("Name = %q, want %q", c.Name, tc.wantName)
	}
	if tc.binary != "" && c.Binary != tc.binary {
		t.Errorf("Binary = %q, want %q", c.Binary, tc.binary)
	}
	for _, w := range tc.want {
		if !slices.Contains(c.Args, w) {
			t.Errorf("args lack %q; got:\n  %s", w, strings.Join(c.Args, "\n  "))
		}
	}
	for _, a := range tc.absent {
		if v, ok := argValue(c.Args, a); ok {
			t.Errorf("args have %s=%s, want it absent", a, v)
		}
	}
	if tc.first != "" && (len(c.Args) == 0 || c.Args[0] != tc.first) {
		t.Errorf("Args[0] = %q, want %q (args %q)", first(c.Args), tc.first, c.Args)
	}
	for _, a := range c.Args {
		if a == tc.first || a == "--web.enable-lifecycle" { // kingpin booleans take no value
			continue
		}
		if !strings.HasPrefix(a, "--") || !strings.Contains(a, "=") {
			t.Errorf("arg %q is not of the form --flag=value", a)
		}
	}
	if dups := duplicateFlags(c.Args); len(dups) > 0 {
		t.Errorf("flags given more than once: %v", dups)
	}
	if c.Health == nil {
		t.Fatalf("Health is nil")
	}
	if c.Health.URL != tc.health {
		t.Errorf("Health.URL = %q, want %q", c.Health.URL, tc.health)
	}
	if !strings.Contains(c.Health.URL, "://127.0.0.1:") {
		t.Errorf("Health.URL %q is not on 127.0.0.1", c.Health.URL)
	}
	if c.Health.Insecure != tc.insecure {
		t.Errorf("Health.Insecure = %v, want %v", c.Health.Insecure, tc.insecure)
	}
	if !reflect.DeepEqual(c.DependsOn, tc.dependsOn) {
		t.Errorf("DependsOn = %q, want %q", c.DependsOn, tc.dependsOn)
	}
	if !reflect.DeepEqual(c.Ports, tc.ports) {
		t.Errorf("Ports = %+v, want %+v", c.Ports, tc.ports)
	}
	for _, d := range c.DependsOn {
		if !slices.Contains(Order, d) {
			t.Errorf("DependsOn names unknown component %q", d)
		}
		if indexOf(Order, d) >= indexOf(Order, c.Name) {
			t.Errorf("%s depends on %s, which does not start before it", c.Name, d)
		}
	}
}

// checkInvalid checks that build rejects every mutation of a valid config.
func checkInvalid[C any](t *testing.T, build func(C) (Component, error), valid C, mutations map[string]func(*C)) {
	t.Helper()
	for name, mutate := range mutations {
		t.Run(name, func(t *testing.T) {
			c := valid
			mutate(&c)
			if _, err := build(c); err == nil {
				t.Fatalf("%+v: nil error, want one", c)
			}
		})
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return len(list)
}

// argValue returns the value of --name=value in args.
func argValue(args []string, name string) (string, bool) {
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v, true
		}
	}
	return "", false
}

func duplicateFlags(args []string) []string {
	seen := map[string]bool{}
	var dups []string
	for _, a := range args {
		name, _, ok := strings.Cut(a, "=")
		if !ok {
			continue
		}
		if seen[name] {
			dups = append(dups, name)
		}
		seen[name] = true
	}
	return dups
}
