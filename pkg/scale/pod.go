package scale

import (
	"context"
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	corev1client "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/cache"

	"github.com/kmctl/kmctl/pkg/apiwrite"
	"github.com/kmctl/kmctl/templates"
)

// PodOptions are the flags of `kmctl scale pod`.
type PodOptions struct {
	Options
	Namespace string
	// CPU and Memory are each container's requests and limits.
	CPU, Memory string
	// GPU is the number of nvidia.com/gpu requested.
	GPU int
	// Resources are extra name=quantity requests.
	Resources []string
	// NodeName binds the pods to a node, bypassing the scheduler.
	NodeName string
	// NodeSelector are k=v pairs.
	NodeSelector []string
	// PriorityClass is the pods' priorityClassName.
	PriorityClass string
}

// NewPodScaler validates o and renders pod 0, so that bad flags or a bad
// template fail before anything is written; with a user template, Run
// renders every pod it is about to create before creating the first.
func NewPodScaler(o PodOptions) (*Scaler, error) {
	base, err := o.templateData()
	if err != nil {
		return nil, err
	}
	t, err := o.template(templates.PodFile, templates.Pod)
	if err != nil {
		return nil, err
	}
	b := &podBuilder{t: t, base: base}
	if _, err := b.build(0); err != nil {
		return nil, err
	}
	return &Scaler{
		opts: o.Options, plural: "pods", readyWord: "Running", namespace: o.Namespace, checkAll: o.userTemplate(),
		newObjects: func(c kubernetes.Interface) objects { return &podObjects{client: c, b: b} },
	}, nil
}

// templateData checks the flags and returns the data every pod shares.
func (o *PodOptions) templateData() (TemplateData, error) {
	d := TemplateData{}
	if err := o.validateCommon(DefaultPodPrefix); err != nil {
		return d, err
	}
	if err := o.validateNames(); err != nil {
		return d, err
	}
	if err := parseQuantity("--cpu", o.CPU); err != nil {
		return d, err
	}
	if err := parseQuantity("--memory", o.Memory); err != nil {
		return d, err
	}
	if o.GPU < 0 {
		return d, fmt.Errorf("--gpu must be 0 or more, got %d", o.GPU)
	}
	var err error
	if d.ExtraResources, err = parseResources(o.Resources, false); err != nil {
		return d, err
	}
	if d.NodeSelector, err = parseLabels("--node-selector", o.NodeSelector); err != nil {
		return d, err
	}
	if d.Labels, err = parseLabels("--label", o.Labels); err != nil {
		return d, err
	}
	if d.Annotations, err = parseAnnotations(o.Annotations); err != nil {
		return d, err
	}
	d.Prefix, d.Namespace, d.CPU, d.Memory, d.GPU = o.Prefix, o.Namespace, o.CPU, o.Memory, o.GPU
	d.NodeName, d.PriorityClass = o.NodeName, o.PriorityClass
	return d, nil
}

// validateNames checks --namespace, --node-name and --priority-class.
func (o *PodOptions) validateNames() error {
	if o.Namespace == "" {
		o.Namespace = metav1.NamespaceDefault
	}
	checks := []struct {
		flag, value string
		errs        []string
	}{
		{"--namespace", o.Namespace, validation.IsDNS1123Label(o.Namespace)},
		{"--node-name", o.NodeName, validation.IsDNS1123Subdomain(o.NodeName)},
		{"--priority-class", o.PriorityClass, validation.IsDNS1123Subdomain(o.PriorityClass)},
	}
	for _, c := range checks {
		if c.value != "" && len(c.errs) > 0 {
			return fmt.Errorf("%s %q is not a valid name: %s", c.flag, c.value, strings.Join(c.errs, "; "))
		}
	}
	return nil
}

// podBuilder turns an index into a Pod ready to create.
type podBuilder struct {
	t    *Template
	base TemplateData
}

func (b *podBuilder) build(index int) (*corev1.Pod, error) {
	d := b.base
	d.Index, d.Name = index, objectName(b.base.Prefix, index)
	d.Labels = map[string]string{LabelManaged: "true", LabelScale: d.Prefix}
	for k, v := range b.base.Labels {
		d.Labels[k] = v
	}
	p := &corev1.Pod{}
	if err := b.t.decode(d, "Pod", p); err != nil {
		return nil, err
	}
	if err := b.t.checkKind(d, p.TypeMeta, "Pod"); err != nil {
		return nil, err
	}
	p.Name, p.Namespace = d.Name, d.Namespace
	stamp(&p.ObjectMeta, d.Prefix)
	p.Status = corev1.PodStatus{}
	return p, nil
}

// podObjects reads and writes the pods of one namespace.
type podObjects struct {
	client kubernetes.Interface
	b      *podBuilder
}

func (p *podObjects) pods() corev1client.PodInterface {
	return p.client.CoreV1().Pods(p.b.base.Namespace)
}

func (p *podObjects) list(ctx context.Context, o metav1.ListOptions) ([]metav1.ObjectMeta, string, error) {
	l, err := p.pods().List(ctx, o)
	if err != nil {
		return nil, "", err
	}
	metas := make([]metav1.ObjectMeta, len(l.Items))
	for i := range l.Items {
		metas[i] = l.Items[i].ObjectMeta
	}
	return metas, l.Continue, nil
}

func (p *podObjects) check(index int) error {
	_, err := p.b.build(index)
	return err
}

func (p *podObjects) create(ctx context.Context, index int) error {
	pod, err := p.b.build(index)
	if err != nil {
		return err
	}
	err = apiwrite.CreatePod(ctx, p.client, pod)
	if err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("cannot create pod %s/%s: %w", pod.Namespace, pod.Name, err)
	}
	return nil
}

// remove deletes a pod at once: no kubelet has to agree.
func (p *podObjects) remove(ctx context.Context, name string) error {
	zero := int64(0)
	err := p.pods().Delete(ctx, name, metav1.DeleteOptions{GracePeriodSeconds: &zero})
	if err != nil && !apierrors.IsNotFound(err) {
		return fmt.Errorf("cannot delete pod %s/%s: %w", p.b.base.Namespace, name, err)
	}
	return nil
}

func (p *podObjects) listWatch(selector string) (cache.ListerWatcher, runtime.Object) {
	pods := p.pods()
	return &cache.ListWatch{
		ListWithContextFunc: func(ctx context.Context, o metav1.ListOptions) (runtime.Object, error) {
			o.LabelSelector = selector
			return pods.List(ctx, o)
		},
		WatchFuncWithContext: func(ctx context.Context, o metav1.ListOptions) (watch.Interface, error) {
			o.LabelSelector = selector
			return pods.Watch(ctx, o)
		},
	}, &corev1.Pod{}
}

func (p *podObjects) ready(obj any) bool {
	pod, ok := obj.(*corev1.Pod)
	return ok && pod.DeletionTimestamp == nil && pod.Status.Phase == corev1.PodRunning
}

func (p *podObjects) notReady(ctx context.Context, objs []any, h hints) []Reason {
	h.goneNodes = p.goneNodes(ctx, objs)
	return podReasons(objs, h)
}
