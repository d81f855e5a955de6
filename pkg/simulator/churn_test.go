package simulator

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// TestNoStateOutlivesItsObject creates, deletes and creates again 1000 pods
// and 40 nodes in random order (pods often before their node, nodes deleted
// under their pods, names reused with new UIDs), then deletes everything:
// every record the simulator keeps of a node or a pod must be gone with it.
// Deleted nodes alone keep a record, of when they departed, for departedFor
// by design.
func TestNoStateOutlivesItsObject(t *testing.T) {
	opts := DefaultOptions()
	opts.LeaseDuration = 4 * time.Second
	ctx, sim, client := runSim(t, opts)

	rng := rand.New(rand.NewPCG(1, 2))
	const nodes, pods = 40, 1000
	gen := 0
	createNode := func(i int) {
		n := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("n%d", i), Labels: map[string]string{LabelManaged: "true"}}}
		if i%2 == 0 {
			n.Spec.PodCIDR = fmt.Sprintf("10.1.%d.0/24", i)
		}
		_, _ = client.CoreV1().Nodes().Create(ctx, n, metav1.CreateOptions{})
	}
	createPod := func(i int) {
		gen++
		p := boundPod()
		p.Name, p.UID, p.Spec.NodeName = fmt.Sprintf("p%d", i), types.UID(fmt.Sprintf("u%d-%d", i, gen)), fmt.Sprintf("n%d", i%nodes)
		if i%3 == 0 {
			p.Annotations = map[string]string{AnnotationFailAfter: "0s"}
			p.Spec.RestartPolicy = corev1.RestartPolicyAlways
		}
		_, _ = client.CoreV1().Pods("default").Create(ctx, p, metav1.CreateOptions{})
	}
	for step := 0; step < 4000; step++ {
		if step%20 == 0 {
			time.Sleep(20 * time.Millisecond) // the fake watch holds 100 events
		}
		switch r := rng.IntN(100); {
		case r < 5:
			createNode(rng.IntN(nodes))
		case r < 7:
			_ = client.CoreV1().Nodes().Delete(ctx, fmt.Sprintf("n%d", rng.IntN(nodes)), metav1.DeleteOptions{})
		case r < 70:
			createPod(rng.IntN(pods))
		default:
			_ = client.CoreV1().Pods("default").Delete(ctx, fmt.Sprintf("p%d", rng.IntN(pods)), metav1.DeleteOptions{})
		}
	}
	time.Sleep(500 * time.Millisecond) // let the workers write some statuses
	for i := 0; i < pods; i++ {
		if i%20 == 0 {
			time.Sleep(20 * time.Millisecond)
		}
		_ = client.CoreV1().Pods("default").Delete(ctx, fmt.Sprintf("p%d", i), metav1.DeleteOptions{})
	}
	for i := 0; i < nodes; i++ {
		_ = client.CoreV1().Nodes().Delete(ctx, fmt.Sprintf("n%d", i), metav1.DeleteOptions{})
	}
	waitFor(t, "every record gone", func() error {
		if left := recordsLeft(sim); left != "" {
			return fmt.Errorf("left: %s", left)
		}
		return nil
	})
}

// recordsLeft lists the simulator's records of nodes and pods still kept.
func recordsLeft(s *Simulator) string {
	var left []string
	count := func(name string, n int) {
		if n > 0 {
			left = append(left, fmt.Sprintf("%s %d", name, n))
		}
	}
	count("cached pods", len(s.pods.GetStore().ListKeys()))
	count("cached nodes", len(s.nodes.GetStore().ListKeys()))
	s.recs.mu.Lock()
	count("pod records", len(s.recs.pods))
	for name, n := range s.recs.nodes {
		if n.departed.IsZero() || n.pool != nil || n.problems != nil || !n.statusWritten.IsZero() {
			count("node record "+name, 1)
		}
	}
	count("ranges", len(s.recs.ranges.byNode)+len(s.recs.ranges.byRange))
	s.recs.mu.Unlock()
	s.beats.mu.Lock()
	count("heartbeats", len(s.beats.beats)+len(s.beats.queue))
	s.beats.mu.Unlock()
	return strings.Join(left, ", ")
}
