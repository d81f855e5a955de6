package bench

import (
	"context"
	"fmt"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/kmctl/kmctl/pkg/bench/report"
)

// The ceiling step writes pods no scheduler and no simulator touches, in a
// namespace of its own.
const (
	ceilingNamespace = "kmctl-bench-ceiling"
	noScheduler      = "kmctl-none"
	// ceilingCondition is the condition each pod's one status write sets.
	ceilingCondition = corev1.PodConditionType("kmctl.dev/benchmark")
	// pollEvery is how often the benchmark polls the apiserver while waiting.
	pollEvery = time.Second
)

// measureCeiling creates n pods from writers goroutines, then writes the
// status of each once, then deletes their namespace and waits for it to go.
// The two rates are the apiserver's own ceiling on this machine.
func measureCeiling(ctx context.Context, client kubernetes.Interface, n, writers int) (*report.Ceiling, error) {
	if err := createNamespace(ctx, client, ceilingNamespace); err != nil {
		return nil, err
	}
	c := &report.Ceiling{Objects: n}
	pods := make([]*corev1.Pod, n)
	start := time.Now()
	err := parallel(ctx, n, writers, func(ctx context.Context, i int) error {
		p, err := client.CoreV1().Pods(ceilingNamespace).Create(ctx, ceilingPod(i), metav1.CreateOptions{})
		pods[i] = p
		return err
	})
	if c.CreateTook = time.Since(start); err != nil {
		return nil, fmt.Errorf("cannot create pods: %w", err)
	}
	start = time.Now()
	err = parallel(ctx, n, writers, func(ctx context.Context, i int) error {
		_, err := client.CoreV1().Pods(ceilingNamespace).UpdateStatus(ctx, withCondition(pods[i]), metav1.UpdateOptions{})
		return err
	})
	if c.StatusTook = time.Since(start); err != nil {
		return nil, fmt.Errorf("cannot write pod status: %w", err)
	}
	start = time.Now()
	if err := deleteNamespace(ctx, client, ceilingNamespace); err != nil {
		return nil, err
	}
	c.CleanupTook = time.Since(start)
	c.Creates = float64(n) / c.CreateTook.Seconds()
	c.StatusWrites = float64(n) / c.StatusTook.Seconds()
	return c, nil
}

// ceilingPod is the smallest pod the apiserver accepts, for a scheduler
// that does not exist.
func ceilingPod(i int) *corev1.Pod {
	zero, no := int64(0), false
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "ceiling-" + strconv.Itoa(i), Namespace: ceilingNamespace},
		Spec: corev1.PodSpec{
			SchedulerName:                 noScheduler,
			TerminationGracePeriodSeconds: &zero,
			AutomountServiceAccountToken:  &no,
			EnableServiceLinks:            &no,
			Containers:                    []corev1.Container{{Name: "app", Image: "registry.k8s.io/pause:3.10"}},
		},
	}
}

// withCondition returns a copy of pod with one more condition, a status
// change as small as a kubelet's.
func withCondition(pod *corev1.Pod) *corev1.Pod {
	p := pod.DeepCopy()
	p.Status.Conditions = append(p.Status.Conditions, corev1.PodCondition{
		Type: ceilingCondition, Status: corev1.ConditionTrue, LastTransitionTime: metav1.Now(),
	})
	return p
}

// createNamespace creates ns and waits for its default service account,
// without which the apiserver refuses pods.
func createNamespace(ctx context.Context, client kubernetes.Interface, ns string) error {
	obj := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}
	if _, err := client.CoreV1().Namespaces().Create(ctx, obj, metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("cannot create namespace %s: %w", ns, err)
	}
	return poll(ctx, 2*time.Minute, func() (bool, error) {
		_, err := client.CoreV1().ServiceAccounts(ns).Get(ctx, "default", metav1.GetOptions{})
		return err == nil, ignoreNotFound(err)
	}, "the default service account of namespace "+ns)
}

// deleteNamespace deletes ns and waits until it is gone.
func deleteNamespace(ctx context.Context, client kubernetes.Interface, ns string) error {
	if err := client.CoreV1().Namespaces().Delete(ctx, ns, metav1.DeleteOptions{}); ignoreNotFound(err) != nil {
		return fmt.Errorf("cannot delete namespace %s: %w", ns, err)
	}
	return poll(ctx, 10*time.Minute, func() (bool, error) {
		_, err := client.CoreV1().Namespaces().Get(ctx, ns, metav1.GetOptions{})
		return apierrors.IsNotFound(err), ignoreNotFound(err)
	}, "namespace "+ns+" to go")
}

// poll calls done every pollEvery until it reports true, fails, or timeout passes.
func poll(ctx context.Context, timeout time.Duration, done func() (bool, error), what string) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := done()
		switch {
		case err != nil:
			return fmt.Errorf("waiting for %s: %w", what, err)
		case ok:
			return nil
		case time.Now().After(deadline):
			return fmt.Errorf("gave up waiting for %s after %s", what, timeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pollEvery):
		}
	}
}

// ignoreNotFound drops NotFound errors.
func ignoreNotFound(err error) error {
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}
