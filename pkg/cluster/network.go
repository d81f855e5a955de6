package cluster

import (
	"fmt"

	"github.com/kmctl/kmctl/pkg/runtime/docker"
)

// netView says where components listen and how they reach each other: on
// 127.0.0.1 as processes, by container name on the cluster's network in docker.
type netView struct {
	// bind is the address components listen on.
	bind string
	// peer returns the host other components use to reach a component.
	peer func(component string) string
}

func viewFor(cfg *Config) netView {
	if cfg.Runtime == docker.Name {
		return netView{bind: "0.0.0.0", peer: func(c string) string { return docker.ContainerName(cfg.Name, c) }}
	}
	return netView{bind: loopback.String(), peer: func(string) string { return loopback.String() }}
}

// peerURL is how a component reaches another one.
func (v netView) peerURL(scheme, component string, port int) string {
	return fmt.Sprintf("%s://%s:%d", scheme, v.peer(component), port)
}
