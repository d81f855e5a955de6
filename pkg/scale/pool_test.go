package scale

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

func fakeNode(name string) *corev1.Node {
	return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{LabelScale: "kmctl-node"}}}
}

func testPool(calls *atomic.Int64) pool {
	p := newPool(8, func() { calls.Add(1) })
	p.backoff = time.Millisecond
	return p
}

func indices(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestPoolCreatesAndDeletes(t *testing.T) {
	ctx := context.Background()
	client := fake.NewClientset(fakeNode("kmctl-node-3"))
	objs := &nodeObjects{client: client, b: testNodeBuilder(t)}
	var progress atomic.Int64
	done, err := testPool(&progress).run(ctx, indices(50), objs.create)
	if err != nil || done != 50 || progress.Load() != 50 {
		t.Fatalf("create: done %d, progress %d, err %v", done, progress.Load(), err)
	}
	nodes, _ := client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if len(nodes.Items) != 50 {
		t.Fatalf("%d nodes exist", len(nodes.Items))
	}
	del := func(ctx context.Context, i int) error { return objs.remove(ctx, objectName("kmctl-node", i)) }
	done, err = testPool(&progress).run(ctx, indices(60), del) // 50 to 59 do not exist
	if err != nil || done != 60 {
		t.Fatalf("delete: done %d, err %v", done, err)
	}
	nodes, _ = client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if len(nodes.Items) != 0 {
		t.Fatalf("%d nodes left", len(nodes.Items))
	}
}

func TestPoolRetries(t *testing.T) {
	client := fake.NewClientset()
	var failures atomic.Int64
	client.PrependReactor("create", "nodes", func(k8stesting.Action) (bool, runtime.Object, error) {
		if failures.Add(1) <= 3 {
			return true, nil, apierrors.NewTooManyRequests("slow down", 0)
		}
		return false, nil, nil
	})
	objs := &nodeObjects{client: client, b: testNodeBuilder(t)}
	var progress atomic.Int64
	done, err := testPool(&progress).run(context.Background(), indices(4), objs.create)
	if err != nil || done != 4 {
		t.Fatalf("done %d, err %v", done, err)
	}
}

func TestPoolStopsOnFirstPermanentError(t *testing.T) {
	client := fake.NewClientset()
	var calls atomic.Int64
	client.PrependReactor("create", "nodes", func(a k8stesting.Action) (bool, runtime.Object, error) {
		if calls.Add(1) == 5 {
			return true, nil, apierrors.NewForbidden(schema.GroupResource{Resource: "nodes"}, "x", errors.New("no"))
		}
		return false, nil, nil
	})
	objs := &nodeObjects{client: client, b: testNodeBuilder(t)}
	var progress atomic.Int64
	p := testPool(&progress)
	p.parallel = 1
	done, err := p.run(context.Background(), indices(1000), objs.create)
	if !apierrors.IsForbidden(err) || !strings.Contains(err.Error(), "cannot create node") {
		t.Fatalf("err %v", err)
	}
	if done != 4 || calls.Load() > 6 {
		t.Errorf("done %d after %d calls; want 4 done and no more work handed out", done, calls.Load())
	}
}

func TestPoolGivesUpRetrying(t *testing.T) {
	client := fake.NewClientset()
	var calls atomic.Int64
	client.PrependReactor("delete", "nodes", func(k8stesting.Action) (bool, runtime.Object, error) {
		calls.Add(1)
		return true, nil, apierrors.NewInternalError(errors.New("etcd is sad"))
	})
	objs := &nodeObjects{client: client}
	var progress atomic.Int64
	p := testPool(&progress)
	_, err := p.run(context.Background(), []int{0}, func(ctx context.Context, i int) error { return objs.remove(ctx, "n") })
	if !apierrors.IsInternalError(err) || calls.Load() != int64(p.attempts) {
		t.Errorf("err %v after %d calls", err, calls.Load())
	}
}

func testNodeBuilder(t *testing.T) *nodeBuilder {
	t.Helper()
	s, err := NewNodeScaler(nodeOpts())
	if err != nil {
		t.Fatal(err)
	}
	return s.newObjects(nil).(*nodeObjects).b
}
