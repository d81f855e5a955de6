package scale

import (
	"context"
	"fmt"
	"io"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// DeleteSelectedPods deletes every pod of namespace that selector matches,
// with parallel deletes in flight (retried as kmctl scale's) and a progress
// bar on progress, and returns how many it deleted. It does not wait for
// them to be gone. The apiserver's own DeleteCollection deletes one pod at a
// time (--delete-collection-workers is 1 by default), so a large selection
// goes many times faster from here.
func DeleteSelectedPods(ctx context.Context, client kubernetes.Interface, namespace, selector string, parallel int, progress io.Writer) (int, error) {
	names, err := podNames(ctx, client, namespace, selector)
	if err != nil || len(names) == 0 {
		return 0, err
	}
	indices := make([]int, len(names))
	for i := range indices {
		indices[i] = i
	}
	pods := client.CoreV1().Pods(namespace)
	zero := int64(0)
	del := func(ctx context.Context, i int) error {
		err := pods.Delete(ctx, names[i], metav1.DeleteOptions{GracePeriodSeconds: &zero})
		if err != nil && !apierrors.IsNotFound(err) {
			return fmt.Errorf("cannot delete pod %s/%s: %w", namespace, names[i], err)
		}
		return nil
	}
	bar := newProgress(progress, len(names), "deleting pods")
	done, err := newPool(max(parallel, 1), bar.add).run(ctx, indices, del)
	bar.done(err == nil)
	return done, err
}

// podNames pages through the names of the selected pods that are not being
// deleted already.
func podNames(ctx context.Context, client kubernetes.Interface, namespace, selector string) ([]string, error) {
	var names []string
	o := metav1.ListOptions{LabelSelector: selector, Limit: listPageSize}
	for {
		l, err := client.CoreV1().Pods(namespace).List(ctx, o)
		if err != nil {
			return nil, fmt.Errorf("cannot list pods in %s with %q: %w", namespace, selector, err)
		}
		for _, p := range l.Items {
			if p.DeletionTimestamp == nil {
				names = append(names, p.Name)
			}
		}
		if l.Continue == "" {
			return names, nil
		}
		o.Continue = l.Continue
	}
}
