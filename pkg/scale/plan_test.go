package scale

import (
	"reflect"
	"testing"
)

func TestPlan(t *testing.T) {
	cases := []struct {
		name           string
		live, busy     []int
		desired        int
		create, remove []int
	}{
		{"from nothing", nil, nil, 3, []int{0, 1, 2}, nil},
		{"no-op", []int{0, 1, 2}, nil, 3, nil, nil},
		{"gap already counted", []int{0, 1, 2, 5}, nil, 4, nil, nil},
		{"fill the gap first", []int{0, 1, 2, 5}, nil, 6, []int{3, 4}, nil},
		{"up by one fills the lowest", []int{5, 0, 2, 1}, nil, 5, []int{3}, nil},
		{"down deletes the highest first", []int{0, 1, 2, 5}, nil, 2, nil, []int{5, 2}},
		{"zero deletes all", []int{2, 0, 1}, nil, 0, nil, []int{2, 1, 0}},
		{"skip names still being deleted", []int{0}, []int{1, 2}, 3, []int{3, 4}, nil},
		{"zero of nothing", nil, nil, 0, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			create, remove := plan(c.live, c.busy, c.desired)
			if !reflect.DeepEqual(create, c.create) || !reflect.DeepEqual(remove, c.remove) {
				t.Errorf("plan(%v, %v, %d) = create %v, delete %v; want %v, %v", c.live, c.busy, c.desired, create, remove, c.create, c.remove)
			}
		})
	}
}

func TestParseIndex(t *testing.T) {
	cases := []struct {
		name string
		want int
		ok   bool
	}{
		{"kmctl-node-0", 0, true},
		{"kmctl-node-1234", 1234, true},
		{"kmctl-node-01", 0, false},
		{"kmctl-node-", 0, false},
		{"kmctl-node-x", 0, false},
		{"kmctl-node--1", 0, false},
		{"kmctl-node-a-1", 0, false},
		{"other-1", 0, false},
	}
	for _, c := range cases {
		i, ok := parseIndex("kmctl-node", c.name)
		if i != c.want || ok != c.ok {
			t.Errorf("parseIndex(%q) = %d, %v; want %d, %v", c.name, i, ok, c.want, c.ok)
		}
		if ok && objectName("kmctl-node", i) != c.name {
			t.Errorf("objectName(%d) != %q", i, c.name)
		}
	}
}
