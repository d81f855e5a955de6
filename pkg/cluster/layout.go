package cluster

import "path/filepath"

// layout names the files of a cluster's work dir.
type layout struct{ dir string }

func (l layout) pki() string             { return filepath.Join(l.dir, "pki") }
func (l layout) adminKubeconfig() string { return filepath.Join(l.dir, "kubeconfig") }
func (l layout) kubeconfig(c string) string {
	return filepath.Join(l.dir, "kubeconfigs", c+".kubeconfig")
}
func (l layout) schedulerConfig() string  { return filepath.Join(l.dir, "kube-scheduler.yaml") }
func (l layout) prometheusConfig() string { return filepath.Join(l.dir, "prometheus.yaml") }
func (l layout) lifecycle() string        { return filepath.Join(l.dir, "lifecycle.yaml") }
func (l layout) etcdData() string         { return filepath.Join(l.dir, "etcd-data") }
func (l layout) prometheusData() string   { return filepath.Join(l.dir, "prometheus-data") }
func (l layout) components() string       { return filepath.Join(l.dir, "components.yaml") }
func (l layout) unfinished() string       { return filepath.Join(l.dir, "create-unfinished") }
func (l layout) config() string           { return filepath.Join(l.dir, configFile) }

// clientIdentity is a client certificate kmctl issues for a component.
type clientIdentity struct {
	component string
	user      string
	groups    []string
}

// identities are the clients that get a kubeconfig in the work dir.
var identities = []clientIdentity{
	{component: "admin", user: "kubernetes-admin", groups: []string{"system:masters"}},
	{component: "kube-scheduler", user: "system:kube-scheduler"},
	{component: "kube-controller-manager", user: "system:kube-controller-manager"},
	{component: "kmctl-simulator", user: "kmctl-simulator", groups: []string{"system:masters"}},
}

// prometheusIdentity scrapes the apiserver's /metrics.
var prometheusIdentity = clientIdentity{component: "prometheus", user: "kmctl-prometheus", groups: []string{"system:monitoring"}}
