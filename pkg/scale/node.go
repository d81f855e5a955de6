package scale

import (
	"context"
	"encoding/json"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"

	"github.com/kmctl/kmctl/templates"
)

// NodeOptions are the flags of `kmctl scale node`.
type NodeOptions struct {
	Options
	// CPU, Memory and EphemeralStorage are capacity quantities.
	CPU, Memory, EphemeralStorage string
	// Pods is the pod capacity; GPU the number of nvidia.com/gpu.
	Pods, GPU int
	// Resources are extra name=quantity capacities.
	Resources []string
	// Taints are key=value:Effect or key:Effect.
	Taints []string
	// Zones spreads the nodes over this many zones: node i is in
	// zone-<i mod Zones> (label topology.kubernetes.io/zone); 0 sets none.
	Zones int
}

// betaLabels maps the stable OS and arch labels to the beta twins the
// controller-manager copies them to.
var betaLabels = map[string]string{
	corev1.LabelOSStable:   "beta.kubernetes.io/os",
	corev1.LabelArchStable: "beta.kubernetes.io/arch",
}

// setBetaLabels writes the beta twins of the stable labels, as the
// controller-manager would: set at creation, they save it a read and a patch
// of every node.
func setBetaLabels(labels map[string]string) {
	for stable, beta := range betaLabels {
		if v, ok := labels[stable]; ok {
			labels[beta] = v
		}
	}
}

// nodeLabels are on every node unless --label overrides them.
func nodeLabels(name string) map[string]string {
	return map[string]string{
		corev1.LabelHostname:           name,
		corev1.LabelOSStable:           "linux",
		corev1.LabelArchStable:         "amd64",
		corev1.LabelInstanceTypeStable: "kmctl",
		"type":                         "kmctl",
	}
}

// NewNodeScaler validates o and renders node 0, so that bad flags or a bad
// template fail before anything is written; with a user template, Run
// renders every node it is about to create before creating the first.
func NewNodeScaler(o NodeOptions) (*Scaler, error) {
	base, err := o.templateData()
	if err != nil {
		return nil, err
	}
	t, err := o.template(templates.NodeFile, templates.Node)
	if err != nil {
		return nil, err
	}
	b := &nodeBuilder{t: t, base: base, zones: o.Zones}
	if _, err := b.build(0); err != nil {
		return nil, err
	}
	return &Scaler{
		opts: o.Options, plural: "nodes", readyWord: "Ready", checkAll: o.userTemplate(),
		newObjects: func(c kubernetes.Interface) objects {
			return &nodeObjects{client: c, b: &nodeBuilder{t: t, base: base, zones: o.Zones}}
		},
	}, nil
}

// templateData checks the flags and returns the data every node shares.
func (o *NodeOptions) templateData() (TemplateData, error) {
	d := TemplateData{}
	if err := o.validateCommon(DefaultNodePrefix); err != nil {
		return d, err
	}
	if o.Replicas > MaxNodes {
		return d, fmt.Errorf("--replicas %d is more than %d, the most nodes kmctl gives unique pod CIDRs to", o.Replicas, MaxNodes)
	}
	for flag, q := range map[string]string{"--cpu": o.CPU, "--memory": o.Memory, "--ephemeral-storage": o.EphemeralStorage} {
		if err := parseQuantity(flag, q); err != nil {
			return d, err
		}
	}
	if o.Pods < 0 || o.GPU < 0 || o.Zones < 0 {
		return d, fmt.Errorf("--pods, --gpu and zones must be 0 or more, got %d, %d and %d", o.Pods, o.GPU, o.Zones)
	}
	var err error
	if d.ExtraResources, err = parseResources(o.Resources, true); err != nil {
		return d, err
	}
	if d.Taints, err = parseTaints(o.Taints); err != nil {
		return d, err
	}
	if d.Labels, err = parseLabels("--label", o.Labels); err != nil {
		return d, err
	}
	if d.Annotations, err = parseAnnotations(o.Annotations); err != nil {
		return d, err
	}
	d.Prefix, d.CPU, d.Memory, d.EphemeralStorage, d.Pods, d.GPU = o.Prefix, o.CPU, o.Memory, o.EphemeralStorage, o.Pods, o.GPU
	return d, nil
}

// nodeBuilder turns an index into a Node ready to create.
type nodeBuilder struct {
	t    *Template
	base TemplateData
	// slots gives pod ranges; nil uses the index's own (a dry render).
	slots *cidrSlots
	// zones is NodeOptions.Zones.
	zones int
}

func (b *nodeBuilder) data(index int) (TemplateData, error) {
	d := b.base
	d.Index, d.Name = index, objectName(b.base.Prefix, index)
	slot := index
	if b.slots != nil {
		var err error
		if slot, err = b.slots.take(index); err != nil {
			return d, err
		}
	}
	var err error
	if d.PodCIDR, err = PodCIDR(slot); err != nil {
		return d, err
	}
	if d.InternalIP, err = InternalIP(slot); err != nil {
		return d, err
	}
	d.Labels = nodeLabels(d.Name)
	for k, v := range b.base.Labels {
		d.Labels[k] = v
	}
	if b.zones > 0 {
		d.Labels[corev1.LabelTopologyZone] = fmt.Sprintf("zone-%d", index%b.zones)
	}
	d.Labels[LabelManaged], d.Labels[LabelScale] = "true", d.Prefix
	return d, nil
}

// build renders node index, moves its capacity to AnnotationCapacity and
// clears its status.
func (b *nodeBuilder) build(index int) (*corev1.Node, error) {
	d, err := b.data(index)
	if err != nil {
		return nil, err
	}
	n := &corev1.Node{}
	if err := b.t.decode(d, "Node", n); err != nil {
		return nil, err
	}
	if err := b.t.checkKind(d, n.TypeMeta, "Node"); err != nil {
		return nil, err
	}
	if len(n.Status.Capacity) == 0 {
		return nil, fmt.Errorf("template %s renders no status.capacity for %s; the simulator needs it to size the node", b.t.file, objectRef(d))
	}
	capacity, err := json.Marshal(n.Status.Capacity)
	if err != nil {
		return nil, err
	}
	n.Name = d.Name
	stamp(&n.ObjectMeta, d.Prefix)
	setBetaLabels(n.Labels)
	n.Annotations[AnnotationCapacity] = string(capacity)
	n.Status = corev1.NodeStatus{}
	return n, nil
}

// stamp sets the labels kmctl counts on, whatever the template wrote.
func stamp(m *metav1.ObjectMeta, prefix string) {
	if m.Labels == nil {
		m.Labels = map[string]string{}
	}
	if m.Annotations == nil {
		m.Annotations = map[string]string{}
	}
	m.Labels[LabelManaged], m.Labels[LabelScale] = "true", prefix
}

// nodeObjects reads and writes nodes.
type nodeObjects struct {
	client kubernetes.Interface
	b      *nodeBuilder
}

// preflight learns which pod ranges existing nodes hold.
func (n *nodeObjects) preflight(ctx context.Context) error {
	held, err := heldPodCIDRs(ctx, n.client)
	if err != nil {
		return err
	}
	n.b.slots = newCIDRSlots(held)
	return nil
}

func (n *nodeObjects) list(ctx context.Context, o metav1.ListOptions) ([]metav1.ObjectMeta, string, error) {
	l, err := n.client.CoreV1().Nodes().List(ctx, o)
	if err != nil {
		return nil, "", err
	}
	metas := make([]metav1.ObjectMeta, len(l.Items))
	for i := range l.Items {
		metas[i] = l.Items[i].ObjectMeta
	}
	return metas, l.Continue, nil
}

func (n *nodeObjects) check(index int) error {
	_, err := n.b.build(index)
	return err
}

func (n *nodeObjects) create(ctx context.Context, index int) error {
	node, err := n.b.build(index)
	if err != nil {
		return err
	}
	_, err = n.client.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("cannot create node %s: %w", node.Name, err)
	}
	return nil
}

func (n *nodeObjects) remove(ctx context.Context, name string) error {
	err := n.client.CoreV1().Nodes().Delete(ctx, name, metav1.DeleteOptions{})
	if err != nil && !apierrors.IsNotFound(err) {
		return fmt.Errorf("cannot delete node %s: %w", name, err)
	}
	return nil
}

func (n *nodeObjects) listWatch(selector string) (cache.ListerWatcher, runtime.Object) {
	nodes := n.client.CoreV1().Nodes()
	return &cache.ListWatch{
		ListWithContextFunc: func(ctx context.Context, o metav1.ListOptions) (runtime.Object, error) {
			o.LabelSelector = selector
			return nodes.List(ctx, o)
		},
		WatchFuncWithContext: func(ctx context.Context, o metav1.ListOptions) (watch.Interface, error) {
			o.LabelSelector = selector
			return nodes.Watch(ctx, o)
		},
	}, &corev1.Node{}
}

func (n *nodeObjects) ready(obj any) bool {
	node, ok := obj.(*corev1.Node)
	return ok && node.DeletionTimestamp == nil && NodeReady(node) == corev1.ConditionTrue
}

func (n *nodeObjects) notReady(_ context.Context, objs []any, h hints) []Reason {
	return nodeReasons(objs, h)
}

// NodeReady returns the status of the node's Ready condition, "" when it has none.
func NodeReady(node *corev1.Node) corev1.ConditionStatus {
	for _, c := range node.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status
		}
	}
	return ""
}
