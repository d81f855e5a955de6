package components

import (
	"fmt"
	"strings"
)

// Extras are a user's own flags and environment for components, added after
// what kmctl sets, so a single-valued flag given here wins.
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

// Apply adds the extras of c's component to it, after its own args and env.
func (e Extras) Apply(c Component) Component {
	c.Args = c.Args[:len(c.Args):len(c.Args)] // never write into the caller's array
	for _, a := range e.Args[c.Name] {
		c.Args = append(c.Args, "--"+strings.TrimLeft(a, "-"))
	}
	for _, kv := range e.Env[c.Name] {
		name, value, _ := strings.Cut(kv, "=")
		c.Env = setEnv(c.Env, name, value)
	}
	return c
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
