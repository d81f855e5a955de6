package cmd

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/kmctl/kmctl/components"
)

// ExtraFlags are --extra-args and --extra-env as given.
type ExtraFlags struct {
	Args, Env []string
}

// AddExtraFlags registers --extra-args and --extra-env.
func AddExtraFlags(fs *pflag.FlagSet, f *ExtraFlags) {
	fs.StringArrayVar(&f.Args, "extra-args", nil, "COMPONENT:FLAG=VALUE, a flag for a component, replacing kmctl's flag of that name (repeatable), e.g. kube-apiserver:v=4")
	fs.StringArrayVar(&f.Env, "extra-env", nil, "COMPONENT:NAME=VALUE, an environment variable for a component (repeatable), e.g. kube-apiserver:GOGC=100")
}

// Extras parses the flags into lists per component.
func (f ExtraFlags) Extras() (components.Extras, error) {
	args, err := groupExtras("--extra-args", f.Args)
	if err != nil {
		return components.Extras{}, err
	}
	env, err := groupExtras("--extra-env", f.Env)
	if err != nil {
		return components.Extras{}, err
	}
	return components.Extras{Args: args, Env: env}, nil
}

// groupExtras parses COMPONENT:KEY=VALUE flags into lists per component.
func groupExtras(flagName string, values []string) (map[string][]string, error) {
	if len(values) == 0 {
		return nil, nil
	}
	out := map[string][]string{}
	for _, v := range values {
		component, kv, err := components.ParseExtra(v)
		if err != nil {
			return nil, fmt.Errorf("%s %w", flagName, err)
		}
		out[component] = append(out[component], kv)
	}
	return out, nil
}
