// Package templates holds the built-in object templates of `kmctl scale`
// and the built-in workloads of `kmctl bench`. The object templates are Go
// text/template YAML files rendered once per object; the comment at the top
// of each lists the fields it can use.
package templates

import "embed"

// Node renders one fake node for `kmctl scale node`.
//
//go:embed node.yaml
var Node string

// Pod renders one pod for `kmctl scale pod`.
//
//go:embed pod.yaml
var Pod string

// File names of the built-in templates, for messages.
const (
	NodeFile = "templates/node.yaml"
	PodFile  = "templates/pod.yaml"
)

// Workloads holds the built-in workloads of `kmctl bench`, one
// workloads/<Name>.yaml each, and the files they refer to.
//
//go:embed workloads
var Workloads embed.FS
