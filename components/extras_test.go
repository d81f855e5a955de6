package components

import (
	"reflect"
	"testing"
)

func TestParseExtra(t *testing.T) {
	tests := []struct {
		in, component, kv string
		wantErr           bool
	}{
		{in: "kube-apiserver:--v=4", component: KubeAPIServer, kv: "--v=4"},
		{in: "etcd:GOGC=200", component: Etcd, kv: "GOGC=200"},
		{in: "kube-scheduler:feature-gates=A=true,B=false", component: KubeScheduler, kv: "feature-gates=A=true,B=false"},
		{in: "apiserver:v=4", wantErr: true},
		{in: "kube-apiserver", wantErr: true},
		{in: "kube-apiserver:v", wantErr: true},
		{in: "kube-apiserver:--=1", wantErr: true},
	}
	for _, tt := range tests {
		c, kv, err := ParseExtra(tt.in)
		if (err != nil) != tt.wantErr || c != tt.component || kv != tt.kv {
			t.Errorf("ParseExtra(%q) = %q, %q, %v", tt.in, c, kv, err)
		}
	}
}

func TestExtrasApply(t *testing.T) {
	e := Extras{
		Args: map[string][]string{KubeAPIServer: {"v=4", "--max-requests-inflight=3000", "--controllers=*", "controllers=ttl"}},
		Env:  map[string][]string{KubeAPIServer: {"GOGC=400", "GODEBUG=x=1"}},
	}
	in := Component{Name: KubeAPIServer, Args: []string{"--max-requests-inflight=1000", "--controllers=*,-ttl", "--profiling"}, Env: []EnvVar{{Name: "GOGC", Value: "200"}}}
	got := e.Apply(in)
	wantArgs := []string{"--profiling", "--v=4", "--max-requests-inflight=3000", "--controllers=*", "--controllers=ttl"}
	wantEnv := []EnvVar{{Name: "GOGC", Value: "400"}, {Name: "GODEBUG", Value: "x=1"}}
	if !reflect.DeepEqual(got.Args, wantArgs) || !reflect.DeepEqual(got.Env, wantEnv) {
		t.Errorf("Apply = %v %v, want %v %v", got.Args, got.Env, wantArgs, wantEnv)
	}
	if other := e.Apply(Component{Name: Etcd, Args: []string{"--a=1"}}); !reflect.DeepEqual(other.Args, []string{"--a=1"}) || other.Env != nil {
		t.Errorf("extras of another component leaked: %+v", other)
	}
	if len(in.Args) != 3 {
		t.Errorf("Apply changed its input: %v", in.Args)
	}
}
