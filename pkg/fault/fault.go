// Package fault writes the faults the simulator plays onto nodes and pods,
// as annotations (see the simulator package), so that they survive a
// simulator restart. Every request is checked, and every object it names
// found, before the first write.
package fault

import (
	"context"
	"fmt"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/util/workqueue"
)

// Target names the objects a request is for: by name, or by label selector.
type Target struct {
	Names    []string
	Selector string
	// Namespace is the pods' namespace; AllNamespaces takes every one
	// (with a selector only).
	Namespace     string
	AllNamespaces bool
}

// Validate checks that t names objects of kind (node or pod) in exactly one way.
func (t Target) Validate(kind string) error {
	switch {
	case len(t.Names) == 0 && t.Selector == "":
		return fmt.Errorf("name the %ss or give --selector (-l)", kind)
	case len(t.Names) > 0 && t.Selector != "":
		return fmt.Errorf("give %s names or --selector, not both", kind)
	case len(t.Names) > 0 && t.AllNamespaces:
		return fmt.Errorf("--all-namespaces takes a --selector, not %s names", kind)
	}
	if _, err := labels.Parse(t.Selector); err != nil {
		return fmt.Errorf("--selector %q: %w", t.Selector, err)
	}
	return nil
}

// describe says which objects t picks, for errors.
func (t Target) describe(kind string) string {
	where := ""
	switch {
	case kind == "node":
	case t.AllNamespaces:
		where = " in any namespace"
	default:
		where = fmt.Sprintf(" in namespace %q", t.Namespace)
	}
	if t.Selector != "" {
		return fmt.Sprintf("no %s matches selector %q%s", kind, t.Selector, where)
	}
	return fmt.Sprintf("%s %s%s", kind, strings.Join(t.Names, ", "), where)
}

// listOptions lists what the target's selector picks.
func (t Target) listOptions() metav1.ListOptions {
	return metav1.ListOptions{LabelSelector: t.Selector}
}

// validFor is true for a --for of 0 (until cleared) or of a second or
// more: ends are kept to the second.
func validFor(d time.Duration) bool { return d == 0 || d >= time.Second }

func forError(d time.Duration) error {
	return fmt.Errorf("--for must be 0 (until cleared) or at least 1s, got %s", d)
}

// written drops the names of the objects that were not written.
func written(names []string) []string {
	out := names[:0]
	for _, n := range names {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// parallel is how many writes are in flight at once.
const parallel = 16

// each runs write for every index below n, parallel at a time, and returns
// the first error.
func each(ctx context.Context, n int, write func(ctx context.Context, i int) error) error {
	errs := make([]error, n)
	workqueue.ParallelizeUntil(ctx, parallel, n, func(i int) { errs[i] = write(ctx, i) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}
