package components

import (
	"sort"
	"strings"
)

// Setting is one component flag or environment variable and its value,
// set away from the upstream default.
type Setting struct {
	Component string `json:"component"`
	// Name is the flag (without dashes) or "env:NAME".
	Name  string `json:"name"`
	Value string `json:"value"`
	// Upstream is the upstream default; Why says why kmctl changes it, and
	// how to undo it. Both are empty for a setting kmctl does not know.
	Upstream string `json:"upstream,omitempty"`
	Why      string `json:"why,omitempty"`
}

// upstreamDefault is what upstream does where kmctl may set otherwise.
type upstreamDefault struct {
	value, why string
}

// upstreamDefaults lists, per component, the flags and environment that
// kmctl sets away from upstream, so results name every one of them.
// Settings that only wire the cluster together (ports, paths, certificates)
// are not listed: they change no behaviour a user measures.
var upstreamDefaults = map[string]map[string]upstreamDefault{
	KubeAPIServer: {
		"disable-admission-plugins":      {"", "fake nodes carry no not-ready taint at creation; undo: --extra-args kube-apiserver:disable-admission-plugins="},
		"feature-gates":                  {"", "DetectCacheInconsistency lists every resource from etcd every 5 minutes; undo: --extra-args kube-apiserver:feature-gates="},
		"authorization-mode":             {"Node,RBAC (kubeadm)", "fake nodes have no kubelet identity for the Node authorizer; undo: --extra-args kube-apiserver:authorization-mode=Node,RBAC"},
		"env:GOGC":                       {"100", "the apiserver collects less often under bursts; undo: --extra-env kube-apiserver:GOGC=100"},
		"max-requests-inflight":          {"400", ""},
		"max-mutating-requests-inflight": {"200", ""},
	},
	KubeControllerManager: {
		"controllers":               {"*", "the TTL controller rewrites every node for kubelets that do not exist; undo: --extra-args kube-controller-manager:controllers=*"},
		"leader-elect":              {"true", "a single controller-manager needs no election"},
		"kube-api-qps":              {"20", "the controllers keep up with thousands of nodes; undo: --kube-controller-manager-qps 20"},
		"kube-api-burst":            {"30", "as kube-api-qps; undo: --kube-controller-manager-burst 30"},
		"node-monitor-grace-period": {"50s", "fake nodes renew leases rarely at idle; undo: --node-monitor-grace-period 50s"},
		"node-monitor-period":       {"5s", "follows the grace period"},
	},
	Etcd: {
		"auto-compaction-retention": {"0", "keeps etcd small through churn"},
		"unsafe-no-fsync":           {"false", "asked for with --etcd-unsafe-no-fsync"},
		"quota-backend-bytes":       {"2147483648", "room for 100 000 pods"},
	},
}

// Changed lists the settings of comps that differ from upstream: the ones
// kmctl sets for cost (with the upstream value and why) and every
// --extra-args or --extra-env the user gave (extras).
func Changed(comps []Component, extras Extras) []Setting {
	var out []Setting
	for _, c := range comps {
		known := upstreamDefaults[c.Name]
		user := userSet(extras, c.Name)
		for _, arg := range c.Args {
			name, value := flagName(arg), flagValue(arg)
			out = appendChanged(out, c.Name, name, value, known, user)
		}
		for _, e := range c.Env {
			out = appendChanged(out, c.Name, "env:"+e.Name, e.Value, known, user)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Component != out[j].Component {
			return out[i].Component < out[j].Component
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func appendChanged(out []Setting, comp, name, value string, known map[string]upstreamDefault, user map[string]bool) []Setting {
	d, ok := known[name]
	switch {
	case user[name]:
		return append(out, Setting{Component: comp, Name: name, Value: value, Upstream: d.value, Why: "--extra-args/--extra-env"})
	case ok && value != d.value:
		return append(out, Setting{Component: comp, Name: name, Value: value, Upstream: d.value, Why: d.why})
	}
	return out
}

// userSet is the flag and env names the user set for a component.
func userSet(extras Extras, comp string) map[string]bool {
	out := map[string]bool{}
	for _, a := range extras.Args[comp] {
		out[flagName(a)] = true
	}
	for _, e := range extras.Env[comp] {
		name, _, _ := strings.Cut(e, "=")
		out["env:"+name] = true
	}
	return out
}

// flagValue is the value of a --name=value argument ("true" for a bare flag).
func flagValue(arg string) string {
	_, v, ok := strings.Cut(arg, "=")
	if !ok {
		return "true"
	}
	return v
}
