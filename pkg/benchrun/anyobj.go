package benchrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"
)

// createAny creates every object of the op's manifest (inline or a file),
// labelled with the run, in the op's namespace when namespaced.
func (r *run) createAny(ctx context.Context, i int) error {
	op := r.w.Ops[i]
	data := []byte(op.Manifest)
	if op.File != "" {
		var err error
		if data, err = r.w.ReadFile(op.File); err != nil {
			return err
		}
	}
	objs, err := decodeManifest(data)
	if err != nil {
		return err
	}
	dyn, mapper, err := r.dynamic()
	if err != nil {
		return err
	}
	ns := namespaceOf(op)
	for _, obj := range objs {
		if err := r.createObject(ctx, dyn, mapper, obj, ns); err != nil {
			return err
		}
	}
	return nil
}

// decodeManifest reads every YAML or JSON document of data.
func decodeManifest(data []byte) ([]*unstructured.Unstructured, error) {
	dec := yaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	var out []*unstructured.Unstructured
	for {
		obj := &unstructured.Unstructured{}
		err := dec.Decode(&obj.Object)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot decode manifest document %d: %w", len(out)+1, err)
		}
		if len(obj.Object) == 0 {
			continue
		}
		if obj.GetKind() == "" || obj.GetAPIVersion() == "" {
			return nil, fmt.Errorf("manifest document %d has no apiVersion or kind", len(out)+1)
		}
		out = append(out, obj)
	}
}

// dynamic is a dynamic client and a REST mapper from discovery.
func (r *run) dynamic() (dynamic.Interface, meta.RESTMapper, error) {
	dyn, err := dynamic.NewForConfig(r.restConfig)
	if err != nil {
		return nil, nil, err
	}
	dc, err := discovery.NewDiscoveryClientForConfig(r.restConfig)
	if err != nil {
		return nil, nil, err
	}
	return dyn, restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc)), nil
}

func (r *run) createObject(ctx context.Context, dyn dynamic.Interface, mapper meta.RESTMapper, obj *unstructured.Unstructured, ns string) error {
	gvk := obj.GroupVersionKind()
	m, err := mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
	if err != nil {
		return fmt.Errorf("the cluster does not serve %s: %w", gvk, err)
	}
	labels := obj.GetLabels()
	if labels == nil {
		labels = map[string]string{}
	}
	labels[LabelRun] = r.id
	obj.SetLabels(labels)
	labelPodTemplate(obj, r.id)
	res := dyn.Resource(m.Resource)
	var ri dynamic.ResourceInterface = res
	if m.Scope.Name() == meta.RESTScopeNameNamespace {
		if obj.GetNamespace() == "" {
			obj.SetNamespace(ns)
		}
		if err := r.ensureNamespace(ctx, obj.GetNamespace()); err != nil {
			return err
		}
		ri = res.Namespace(obj.GetNamespace())
	}
	if _, err := ri.Create(ctx, obj, metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("cannot create %s %s: %w", gvk.Kind, obj.GetName(), err)
	}
	if m.Scope.Name() != meta.RESTScopeNameNamespace {
		r.created.clusterScoped = append(r.created.clusterScoped, createdObject{resource: m.Resource, name: obj.GetName()})
	}
	return nil
}

// labelPodTemplate puts the run's label on a workload's pod template
// (DaemonSet, Deployment, Job...), so its pods are the run's to select.
func labelPodTemplate(obj *unstructured.Unstructured, id string) {
	tmpl, found, err := unstructured.NestedMap(obj.Object, "spec", "template", "metadata")
	if err != nil || !found {
		if _, hasTemplate, _ := unstructured.NestedMap(obj.Object, "spec", "template"); !hasTemplate {
			return
		}
		tmpl = map[string]any{}
	}
	labels, _, _ := unstructured.NestedStringMap(tmpl, "labels")
	if labels == nil {
		labels = map[string]string{}
	}
	labels[LabelRun] = id
	_ = unstructured.SetNestedStringMap(tmpl, labels, "labels")
	_ = unstructured.SetNestedMap(obj.Object, tmpl, "spec", "template", "metadata")
}
