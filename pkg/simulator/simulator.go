package simulator

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/utils/clock"
)

// byNodeIndex indexes pods by spec.nodeName.
const byNodeIndex = "byNode"

// Simulator plays kubelet for the nodes it owns.
type Simulator struct {
	client kubernetes.Interface
	opts   Options
	// clock is what the pod and node rules and the leases read the time from.
	clock clock.WithTicker
	// script scripts pods' lives besides their annotations.
	script  script
	owned   func(node string) bool
	nodeSel labels.Selector
	version string

	nodes cache.SharedIndexInformer
	pods  cache.SharedIndexInformer

	nodeQueue workqueue.TypedRateLimitingInterface[string]
	podQueue  workqueue.TypedRateLimitingInterface[string]
	// beats renew the node leases.
	beats *heartbeats

	// recs are what it knows of its nodes and pods beyond the caches.
	recs *records
	// log is where problems go; nil means slog.Default().
	log       *slog.Logger
	metrics   *Metrics
	synced    chan struct{}
	podWrites atomic.Int64
}

// Clients are the simulator's connections to the apiserver.
type Clients struct {
	// Main watches nodes and pods and writes their status.
	Main kubernetes.Interface
	// Leases renews the node leases; give it a connection of its own so
	// that no pod or node write stands in front of a renewal. Nil uses Main.
	Leases kubernetes.Interface
}

// New builds a simulator; Run starts it.
func New(clients Clients, opts Options, metrics *Metrics) (*Simulator, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	selector, err := labels.Parse(opts.NodeSelector)
	if err != nil {
		return nil, fmt.Errorf("invalid node selector %q: %w", opts.NodeSelector, err)
	}
	client, leases := clients.Main, clients.Leases
	if leases == nil {
		leases = client
	}
	s := &Simulator{
		client:  client,
		opts:    opts,
		owned:   shardFunc(opts.ShardIndex, opts.ShardCount),
		nodeSel: selector,
		recs:    newRecords(opts.ShardIndex, opts.ShardCount),
		metrics: metrics,
		synced:  make(chan struct{}),
		clock:   clock.RealClock{},
		script:  script{lifecycle: opts.Lifecycle, jobDelay: opts.JobCompleteDelay},
	}
	s.nodeQueue = newQueue("nodes")
	s.podQueue = newQueue("pods")
	s.beats = newHeartbeats(s.clock, leases, opts, metrics, s.managedNode, s.logger)
	metrics.registerQueues(map[string]func() int{
		"nodes": s.nodeQueue.Len, "pods": s.podQueue.Len, "leases": s.beats.overdue,
	})
	metrics.registerLeases(opts.LeaseDuration, s.beats.oldestAge)
	factory := informers.NewSharedInformerFactoryWithOptions(client, 0, informers.WithTransform(s.trim))
	s.nodes = factory.InformerFor(&corev1.Node{}, func(c kubernetes.Interface, _ time.Duration) cache.SharedIndexInformer {
		return newNodeInformer(c, selector.String())
	})
	s.pods = factory.InformerFor(&corev1.Pod{}, func(c kubernetes.Interface, _ time.Duration) cache.SharedIndexInformer {
		return newPodInformer(c, fields.OneTermNotEqualSelector("spec.nodeName", "").String())
	})
	return s, nil
}

func newQueue(name string) workqueue.TypedRateLimitingInterface[string] {
	limiter := workqueue.NewTypedItemExponentialFailureRateLimiter[string](50*time.Millisecond, 30*time.Second)
	return workqueue.NewTypedRateLimitingQueueWithConfig(limiter, workqueue.TypedRateLimitingQueueConfig[string]{Name: name})
}

// Synced is closed once the informers have their initial lists.
func (s *Simulator) Synced() <-chan struct{} { return s.synced }

// Run watches nodes and pods and runs the workers until ctx is done.
func (s *Simulator) Run(ctx context.Context) error {
	defer s.nodeQueue.ShutDown()
	defer s.podQueue.ShutDown()
	if s.version == "" {
		s.version = s.opts.KubeletVersion
	}
	if s.version == "" {
		v, err := s.client.Discovery().ServerVersion()
		if err != nil {
			return fmt.Errorf("cannot reach the apiserver: %w", err)
		}
		s.version = v.GitVersion
	}
	nodeReg, err := s.nodes.AddEventHandler(s.nodeHandler())
	if err != nil {
		return err
	}
	podReg, err := s.pods.AddEventHandler(s.podHandler())
	if err != nil {
		return err
	}
	go s.nodes.Run(ctx.Done())
	go s.pods.Run(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), nodeReg.HasSynced, podReg.HasSynced) {
		return ctx.Err()
	}
	close(s.synced)
	s.startWorkers(ctx)
	go s.releaseIdleMemory(ctx, time.Minute)
	<-ctx.Done()
	return nil
}

func (s *Simulator) startWorkers(ctx context.Context) {
	pools := []struct {
		n    int
		q    workqueue.TypedRateLimitingInterface[string]
		sync func(context.Context, string) error
	}{
		{s.opts.NodeWorkers, s.nodeQueue, s.syncNode},
		{s.opts.PodWorkers, s.podQueue, s.syncPod},
	}
	go s.beats.run(ctx)
	for _, p := range pools {
		for i := 0; i < p.n; i++ {
			go work(ctx, p.q, p.sync)
		}
	}
}

// work takes keys off q until it shuts down; a failed key is retried with backoff.
func work(ctx context.Context, q workqueue.TypedRateLimitingInterface[string], sync func(context.Context, string) error) {
	for {
		key, quit := q.Get()
		if quit {
			return
		}
		if err := sync(ctx, key); err != nil && ctx.Err() == nil {
			q.AddRateLimited(key)
		} else {
			q.Forget(key)
		}
		q.Done(key)
	}
}

func (s *Simulator) node(name string) *corev1.Node {
	obj, ok, err := s.nodes.GetStore().GetByKey(name)
	if err != nil || !ok {
		return nil
	}
	return obj.(*corev1.Node)
}

// managedNode is the cached node name if this simulator plays kubelet for it.
func (s *Simulator) managedNode(name string) *corev1.Node {
	if n := s.node(name); n != nil && s.ownsNode(n) {
		return n
	}
	return nil
}
