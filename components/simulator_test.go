package components

import (
	"slices"
	"testing"
)

func TestBuildSimulator(t *testing.T) {
	base := SimulatorConfig{
		Binary: "/usr/local/bin/kmctl", BindAddress: "127.0.0.1", Port: 8080,
		Kubeconfig: "/work/kubeconfigs/kmctl-simulator.kubeconfig",
	}
	common := []string{
		"--kubeconfig=/work/kubeconfigs/kmctl-simulator.kubeconfig",
		"--metrics-address=127.0.0.1:8080",
	}
	tests := []builderCase{
		{
			name:   "defaults",
			build:  func() (Component, error) { return BuildSimulator(base) },
			want:   common,
			absent: []string{"--node-lease-duration"},
		},
		{
			name: "lease duration",
			build: func() (Component, error) {
				c := base
				c.NodeLeaseDuration = "40s"
				return BuildSimulator(c)
			},
			want: append(slices.Clone(common), "--node-lease-duration=40s"),
		},
	}
	for _, tc := range tests {
		tc.wantName = Simulator
		tc.binary = "/usr/local/bin/kmctl"
		tc.first = "simulate"
		tc.health = "http://127.0.0.1:8080/healthz"
		tc.dependsOn = []string{KubeAPIServer}
		tc.ports = []Port{{Name: "metrics", Port: 8080, HostPort: 8080}}
		t.Run(tc.name, func(t *testing.T) { checkComponent(t, tc) })
	}
}

func TestBuildSimulatorInvalid(t *testing.T) {
	valid := SimulatorConfig{Port: 8080, Kubeconfig: "/k"}
	tests := map[string]func(*SimulatorConfig){
		"no port":       func(c *SimulatorConfig) { c.Port = 0 },
		"no kubeconfig": func(c *SimulatorConfig) { c.Kubeconfig = "" },
	}
	checkInvalid(t, BuildSimulator, valid, tests)
}
