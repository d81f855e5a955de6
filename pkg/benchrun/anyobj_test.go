package benchrun

import (
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

func TestDecodeManifestAndLabels(t *testing.T) {
	objs, err := decodeManifest([]byte("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {app: d}}\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"))
	if err != nil || len(objs) != 2 {
		t.Fatalf("decoded %d objects, %v", len(objs), err)
	}
	labelPodTemplate(objs[0], "run-1")
	labels, _, _ := unstructured.NestedStringMap(objs[0].Object, "spec", "template", "metadata", "labels")
	if labels["app"] != "d" || labels[LabelRun] != "run-1" {
		t.Errorf("pod template labels = %v", labels)
	}
	labelPodTemplate(objs[1], "run-1")
	if _, found, _ := unstructured.NestedMap(objs[1].Object, "spec"); found {
		t.Error("an object without a pod template got one")
	}
	if _, err := decodeManifest([]byte("metadata: {name: x}\n")); err == nil || !strings.Contains(err.Error(), "no apiVersion or kind") {
		t.Errorf("a document without kind: %v", err)
	}
}
