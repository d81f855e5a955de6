package benchreport

import (
	"reflect"
	"testing"
)

func TestSortedKeys(t *testing.T) {
	m := map[string]int{"pod_startup": 1, "b": 1, "create_to_schedule": 1, "a": 1}
	got := SortedKeys(m, "create_to_schedule", "schedule_to_run", "pod_startup")
	want := []string{"create_to_schedule", "pod_startup", "a", "b"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SortedKeys = %v, want %v", got, want)
	}
}
