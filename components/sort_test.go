package components

import (
	"reflect"
	"testing"
)

func names(list []Component) []string {
	out := make([]string, 0, len(list))
	for _, c := range list {
		out = append(out, c.Name)
	}
	return out
}

func comps(names ...string) []Component {
	out := make([]Component, 0, len(names))
	for _, n := range names {
		out = append(out, Component{Name: n})
	}
	return out
}

func TestSort(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{
			name: "empty",
			in:   nil,
			want: []string{},
		},
		{
			name: "already in order",
			in:   []string{Etcd, KubeAPIServer, KubeControllerManager, KubeScheduler, Simulator, Prometheus},
			want: []string{Etcd, KubeAPIServer, KubeControllerManager, KubeScheduler, Simulator, Prometheus},
		},
		{
			name: "reversed",
			in:   []string{Prometheus, Simulator, KubeScheduler, KubeControllerManager, KubeAPIServer, Etcd},
			want: []string{Etcd, KubeAPIServer, KubeControllerManager, KubeScheduler, Simulator, Prometheus},
		},
		{
			name: "shuffled with optional components missing",
			in:   []string{KubeScheduler, Etcd, KubeControllerManager, KubeAPIServer},
			want: []string{Etcd, KubeAPIServer, KubeControllerManager, KubeScheduler},
		},
		{
			name: "unknown names last in their given order",
			in:   []string{"zeta", Prometheus, "alpha", Etcd, "mid", KubeAPIServer},
			want: []string{Etcd, KubeAPIServer, Prometheus, "zeta", "alpha", "mid"},
		},
		{
			name: "only unknown names",
			in:   []string{"b", "a"},
			want: []string{"b", "a"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := comps(tc.in...)
			orig := names(in)
			got := names(Sort(in))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Sort(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if !reflect.DeepEqual(names(in), orig) {
				t.Errorf("Sort changed its input to %q", names(in))
			}
		})
	}
}

func TestSortKeepsComponents(t *testing.T) {
	in := []Component{
		{Name: KubeAPIServer, Binary: "/a", Args: []string{"--x=1"}},
		{Name: Etcd, Binary: "/e"},
	}
	got := Sort(in)
	want := []Component{in[1], in[0]}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Sort = %+v, want %+v", got, want)
	}
}

func TestOrder(t *testing.T) {
	want := []string{Etcd, KubeAPIServer, KubeControllerManager, KubeScheduler, Simulator, Prometheus}
	if !reflect.DeepEqual(Order, want) {
		t.Fatalf("Order = %q, want %q", Order, want)
	}
}
