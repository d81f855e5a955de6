package scale

import (
	"bytes"
	"reflect"
	"sync"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
)

// memoLimit bounds how many distinct renders a template remembers: a
// template that differs per object (a node's podCIDR) stops filling it.
const memoLimit = 16

// decodeMemo remembers objects decoded from renders in which the object's
// name appears exactly once, as its metadata.name. Two such renders that
// differ only by that name decode to the same object but for the name, so
// the second is a deep copy of the first: the default pod template is parsed
// as YAML once per `kmctl scale pod`, not once per pod.
type decodeMemo struct {
	mu      sync.Mutex
	objects map[string]runtime.Object
}

// memoKey is rendered with its one occurrence of name cut out, or "" when
// name does not occur exactly once.
func memoKey(rendered []byte, name string) string {
	n := []byte(name)
	if len(n) == 0 || bytes.Count(rendered, n) != 1 {
		return ""
	}
	return string(bytes.Replace(rendered, n, []byte{0}, 1))
}

// load copies the remembered object for key into obj and names it; it
// reports false when there is none.
func (m *decodeMemo) load(key, name string, obj runtime.Object) bool {
	if key == "" {
		return false
	}
	m.mu.Lock()
	cached, ok := m.objects[key]
	m.mu.Unlock()
	if !ok {
		return false
	}
	c := cached.DeepCopyObject()
	accessor, err := meta.Accessor(c)
	if err != nil {
		return false
	}
	accessor.SetName(name)
	reflect.ValueOf(obj).Elem().Set(reflect.ValueOf(c).Elem())
	return true
}

// store remembers obj for key when its metadata.name is name (so the one
// occurrence of the name in the render is the name) and the memo has room.
func (m *decodeMemo) store(key, name string, obj runtime.Object) {
	accessor, err := meta.Accessor(obj)
	if key == "" || err != nil || accessor.GetName() != name {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.objects == nil {
		m.objects = map[string]runtime.Object{}
	}
	if len(m.objects) < memoLimit {
		m.objects[key] = obj.DeepCopyObject()
	}
}
