package components

import (
	"fmt"
	"strings"
)

// Extras are a user's own flags and environment for components. A flag given
// here replaces kmctl's flag of the same name (so list-valued flags such as
// the controller-manager's --controllers can be overridden, not only
// appended to); a flag repeated here is passed as often as it is given.
type Extras struct {
	// Args maps a component to flags written "name=value" or "--name=value".
	Args map[string][]string `json:"args,omitempty"`
	// Env maps a component to variables written "NAME=value".
	Env map[string][]string `json:"env,omitempty"`
}

// Known reports whether name is a component kmctl runs.
func Known(name string) bool {
	for _, n := range Order {
		if n == name {
			return true
		}
	}
	return false
}

// ParseExtra splits "COMPONENT:KEY=VALUE" as given to --extra-args and
// --extra-env, checking the component and the KEY=VALUE shape.
func ParseExtra(s string) (component, keyValue string, err error) {
	component, keyValue, ok := strings.Cut(s, ":")
	if !ok || !Known(component) {
		return "", "", fmt.Errorf("%q: want COMPONENT:KEY=VALUE, COMPONENT one of %s", s, strings.Join(Order, ", "))
	}
	key, _, ok := strings.Cut(keyValue, "=")
	if !ok || strings.TrimLeft(key, "-") == "" {
		return "", "", fmt.Errorf("%q: want COMPONENT:KEY=VALUE after the component", s)
	}
	return component, keyValue, nil
}

// Apply adds the extras of c's component to it, after its own args and env,
// dropping kmctl's own args that an extra flag replaces.
func (e Extras) Apply(c Component) Component {
	extra := e.Args[c.Name]
	replaced := map[string]bool{}
	for _, a := range extra {
		replaced[flagName(a)] = true
	}
	args := make([]string, 0, len(c.Args)+len(extra))
	for _, a := range c.Args {
		if !replaced[flagName(a)] {
			args = append(args, a)
		}
	}
	for _, a := range extra {
		args = append(args, "--"+strings.TrimLeft(a, "-"))
	}
	c.Args = args
	for _, kv := range e.Env[c.Name] {
		name, value, _ := strings.Cut(kv, "=")
		c.Env = setEnv(c.Env, name, value)
	}
	return c
}

// flagName is the name of a flag written "--name=value", "name=value" or "--name".
func flagName(arg string) string {
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	return name
}

// setEnv sets name in env, replacing an earlier value.
func setEnv(env []EnvVar, name, value string) []EnvVar {
	out := make([]EnvVar, 0, len(env)+1)
	for _, e := range env {
		if e.Name != name {
			out = append(out, e)
		}
	}
	return append(out, EnvVar{Name: name, Value: value})
}
