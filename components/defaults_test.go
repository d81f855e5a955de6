package components

import "testing"

func TestChanged(t *testing.T) {
	comps := []Component{
		{Name: KubeAPIServer, Args: []string{"--secure-port=6443", "--authorization-mode=RBAC", "--feature-gates=DetectCacheInconsistency=false", "--v=4"}, Env: []EnvVar{{Name: "GOGC", Value: "200"}}},
		{Name: KubeControllerManager, Args: []string{"--controllers=*", "--kube-api-qps=5000"}},
	}
	extras := Extras{Args: map[string][]string{KubeAPIServer: {"v=4"}}}
	got := Changed(comps, extras)
	want := []Setting{
		{Component: KubeAPIServer, Name: "authorization-mode", Value: "RBAC"},
		{Component: KubeAPIServer, Name: "env:GOGC", Value: "200"},
		{Component: KubeAPIServer, Name: "feature-gates", Value: "DetectCacheInconsistency=false"},
		{Component: KubeAPIServer, Name: "v", Value: "4", Why: "--extra-args/--extra-env"},
		{Component: KubeControllerManager, Name: "kube-api-qps", Value: "5000"},
	}
	if len(got) != len(want) {
		t.Fatalf("Changed = %+v, want %d settings", got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Component != w.Component || g.Name != w.Name || g.Value != w.Value {
			t.Errorf("setting %d = %+v, want %+v", i, g, w)
		}
		if w.Why != "" && g.Why != w.Why {
			t.Errorf("setting %d: why %q, want %q", i, g.Why, w.Why)
		}
		if w.Why == "" && (g.Why == "" || g.Upstream == "" && g.Name != "feature-gates") {
			t.Errorf("setting %d: a cost setting needs its upstream value and why: %+v", i, g)
		}
	}
}
