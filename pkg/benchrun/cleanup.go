package benchrun

import (
	"context"
	"errors"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
)

// cleanupTimeout bounds the removal of what a run created; it runs on a
// fresh context so that Ctrl-C still cleans up.
const cleanupTimeout = 5 * time.Minute

// createdObjects is what a run created and removes at the end.
type createdObjects struct {
	// namespaces were created by the run (and are deleted with everything
	// in them); a namespace that existed before is left, and only the run's
	// pods in it are deleted.
	namespaces []string
	existing   []string
	// clusterScoped are createAny's cluster-scoped objects.
	clusterScoped []createdObject
}

type createdObject struct {
	resource schema.GroupVersionResource
	name     string
}

// ensureNamespace creates ns unless it exists, and notes which it was.
func (r *run) ensureNamespace(ctx context.Context, ns string) error {
	if contains(r.created.namespaces, ns) || contains(r.created.existing, ns) {
		return nil
	}
	obj := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns, Labels: map[string]string{LabelRun: r.id}}}
	_, err := r.client.CoreV1().Namespaces().Create(ctx, obj, metav1.CreateOptions{})
	switch {
	case apierrors.IsAlreadyExists(err):
		r.created.existing = append(r.created.existing, ns)
		return nil
	case err != nil:
		return fmt.Errorf("cannot create namespace %s: %w", ns, err)
	}
	r.created.namespaces = append(r.created.namespaces, ns)
	return nil
}

// cleanup removes what the run created, unless the user keeps it or the
// run's own cluster is deleted anyway, and ends the pod watch.
func (r *run) cleanup() error {
	defer r.stopClock()
	defer r.meter.Close()
	if r.o.Keep || (r.o.Create != nil) {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), cleanupTimeout)
	defer cancel()
	r.env.Log.Infof("Removing what the run created (--keep leaves it)")
	var errs []error
	errs = append(errs, r.deleteOwnPods(ctx)...)
	for _, ns := range r.created.namespaces {
		errs = append(errs, ignoreNotFound(r.client.CoreV1().Namespaces().Delete(ctx, ns, metav1.DeleteOptions{})))
	}
	sel := metav1.ListOptions{LabelSelector: LabelRun + "=" + r.id}
	errs = append(errs, r.client.CoreV1().Nodes().DeleteCollection(ctx, metav1.DeleteOptions{}, sel))
	errs = append(errs, r.deleteClusterScoped(ctx)...)
	if err := r.waitNamespacesGone(ctx); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// deleteOwnPods deletes the run's pods in namespaces it did not create.
func (r *run) deleteOwnPods(ctx context.Context) []error {
	var errs []error
	sel := metav1.ListOptions{LabelSelector: LabelRun + "=" + r.id}
	for _, ns := range r.created.existing {
		errs = append(errs, r.client.CoreV1().Pods(ns).DeleteCollection(ctx, metav1.DeleteOptions{}, sel))
	}
	return errs
}

func (r *run) deleteClusterScoped(ctx context.Context) []error {
	if len(r.created.clusterScoped) == 0 {
		return nil
	}
	dyn, err := dynamic.NewForConfig(r.restConfig)
	if err != nil {
		return []error{err}
	}
	var errs []error
	for _, o := range r.created.clusterScoped {
		errs = append(errs, ignoreNotFound(dyn.Resource(o.resource).Delete(ctx, o.name, metav1.DeleteOptions{})))
	}
	return errs
}

// waitNamespacesGone waits for the namespace controller, so that a repeat
// on the same cluster does not meet a namespace still terminating.
func (r *run) waitNamespacesGone(ctx context.Context) error {
	for _, ns := range r.created.namespaces {
		for {
			_, err := r.client.CoreV1().Namespaces().Get(ctx, ns, metav1.GetOptions{})
			if apierrors.IsNotFound(err) {
				break
			}
			if ctx.Err() != nil {
				return fmt.Errorf("namespace %s is still terminating after %s; it goes on by itself", ns, cleanupTimeout)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	return nil
}

func ignoreNotFound(err error) error {
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}

// joinCleanup adds a cleanup error to the run's.
func joinCleanup(err, cleanupErr error) error {
	if cleanupErr == nil {
		return err
	}
	return errors.Join(err, fmt.Errorf("cleanup: %w", cleanupErr))
}
