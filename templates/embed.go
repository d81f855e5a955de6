// Package templates holds the built-in object templates of `kmctl scale`.
// They are Go text/template YAML files rendered once per object; the comment
// at the top of each lists the fields it can use.
package templates

import _ "embed"

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
