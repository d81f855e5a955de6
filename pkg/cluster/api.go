package cluster

import (
	"context"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

// Client returns a clientset for the named cluster's admin kubeconfig.
func (m *Manager) Client(name string) (*kubernetes.Clientset, error) {
	cfg, err := m.RESTConfig(name)
	if err != nil {
		return nil, err
	}
	return kubernetes.NewForConfig(cfg)
}

// RESTConfig is the named cluster's admin connection, with no client-side
// rate limit, for clients other than a clientset (dynamic, discovery).
func (m *Manager) RESTConfig(name string) (*rest.Config, error) {
	h, err := m.open(name)
	if err != nil {
		return nil, err
	}
	path, err := h.adminKubeconfig(name)
	if err != nil {
		return nil, err
	}
	return adminConfig(path)
}

func adminClient(path string) (*kubernetes.Clientset, error) {
	cfg, err := adminConfig(path)
	if err != nil {
		return nil, err
	}
	return kubernetes.NewForConfig(cfg)
}

func adminConfig(path string) (*rest.Config, error) {
	cfg, err := clientcmd.BuildConfigFromFlags("", path)
	if err != nil {
		return nil, fmt.Errorf("cannot load %s: %w", path, err)
	}
	cfg.QPS, cfg.Burst = -1, 0 // no client-side limit: the apiserver is what we measure
	cfg.ContentType = "application/vnd.kubernetes.protobuf"
	return cfg, nil
}

// waitAPI waits until the cluster answers what `kubectl get ns` asks, and the
// default namespace and service account exist.
func waitAPI(ctx context.Context, kubeconfigPath string, timeout time.Duration) error {
	client, err := adminClient(kubeconfigPath)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	var last error
	for {
		last = apiReady(ctx, client)
		if last == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the cluster did not answer `kubectl get ns` within %s: %w", timeout, last)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func apiReady(ctx context.Context, client *kubernetes.Clientset) error {
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := client.CoreV1().Namespaces().List(rctx, metav1.ListOptions{}); err != nil {
		return err
	}
	_, err := client.CoreV1().ServiceAccounts("default").Get(rctx, "default", metav1.GetOptions{})
	return err
}
