package simulator

import (
	"fmt"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

const goodLifecycle = `apiVersion: kmctl.dev/v1alpha1
kind: Lifecycle
rules:
- name: web-crashes
  match:
    namespaces: [shop]
    selector: app=web
    ownerKind: Deployment
    percent: 2
  life:
    failAfter: 30s
    exitReason: OOMKilled
- name: slow-starts
  match: {namespaces: [shop]}
  life: {runningDelay: 3s, ready: false}
`

func TestParseLifecycle(t *testing.T) {
	l, err := ParseLifecycle("life.yaml", []byte(goodLifecycle))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rules) != 2 || l.Rules[0].Match.Percent != 2 || l.Rules[0].notes[AnnotationExitReason] != "OOMKilled" || l.Rules[1].notes[AnnotationReady] != "false" {
		t.Fatalf("rules %+v", l.Rules)
	}
}

func TestBadLifecycleFiles(t *testing.T) {
	head := "apiVersion: kmctl.dev/v1alpha1\nkind: Lifecycle\nrules:\n"
	cases := map[string]string{
		"kind: Lifecycle\n":                                                             `life.yaml:1: apiVersion is ""`,
		"apiVersion: kmctl.dev/v1alpha1\nkind: Pod\n":                                   `kind is "Pod", want Lifecycle`,
		head + "- name: a\n  life: {failAfter: soon}\n":                                 `life.yaml:5: failAfter "soon": time: invalid duration`,
		head + "- name: a\n  life: {exitReason: Tired}\n":                               `life.yaml:5: exitReason`,
		head + "- name: a\n  life: {exitCode: 0}\n":                                     "0 is success",
		head + "- name: a\n  life: {runningDelay: -1s}\n":                               "negative",
		head + "- name: a\n  life: {ready: maybe}\n":                                    `ready "maybe": want true or false`,
		head + "- name: a\n  lif: {ready: false}\n":                                     `life.yaml:5: unknown field "lif" in a rule`,
		head + "- life: {ready: false}\n":                                               "life.yaml:4: a rule needs a name",
		head + "- name: a\n":                                                            `rule "a" has no life`,
		head + "- name: a\n  life: {}\n":                                                "an empty life",
		head + "- name: a\n  match: {percent: 120}\n  life: {ready: false}\n":           "life.yaml:5: percent \"120\"",
		head + "- name: a\n  match: {ownerKind: Pod}\n  life: {ready: false}\n":         `ownerKind "Pod" is not one of`,
		head + "- name: a\n  match: {selector: 'a in'}\n  life: {ready: false}\n":       `selector "a in"`,
		head + "- name: a\n  life: {ready: false}\n- name: a\n  life: {ready: false}\n": `life.yaml:6: rule "a" appears twice`,
		head + "- name: a\n  life: {ready: false\n":                                     "life.yaml",
	}
	for content, want := range cases {
		if _, err := ParseLifecycle("life.yaml", []byte(content)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", content, err, want)
		}
	}
}

// shopPod is a pod of namespace shop, of a Deployment when deployed.
func shopPod(i int, deployed bool) *corev1.Pod {
	p := boundPod()
	p.Namespace, p.UID = "shop", types.UID(fmt.Sprintf("uid-%d", i))
	p.Labels = map[string]string{"app": "web"}
	if deployed {
		p.Labels["pod-template-hash"] = "abc"
		p.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: "web-abc", Controller: ptr(true)}}
	}
	return p
}

func TestLifecyclePicksPods(t *testing.T) {
	l, err := ParseLifecycle("life.yaml", []byte(goodLifecycle))
	if err != nil {
		t.Fatal(err)
	}
	sc := script{lifecycle: l}
	crashing := 0
	for i := 0; i < 10000; i++ {
		life := sc.lifeOf(shopPod(i, true), t0)
		if life.endsOnItsOwn() {
			crashing++
			if life.exit.ExitCode != 137 || life.notReady {
				t.Fatalf("a crashing pod: %+v", life)
			}
		} else if !life.notReady || life.runningDelay.Seconds() != 3 {
			t.Fatalf("the other pods of shop start slow and unready: %+v", life)
		}
	}
	if crashing < 150 || crashing > 250 {
		t.Errorf("%d of 10000 pods crash, want about 2%%", crashing)
	}
	if sc.lifeOf(shopPod(1, false), t0).endsOnItsOwn() {
		t.Error("a pod of no Deployment was picked by ownerKind Deployment")
	}
	own := shopPod(1, false)
	own.Annotations = map[string]string{AnnotationReady: "true"}
	if sc.lifeOf(own, t0).notReady {
		t.Error("the pod's own annotation wins over the lifecycle")
	}
	other := shopPod(1, false)
	other.Namespace = "default"
	if life := sc.lifeOf(other, t0); life.notReady || life.hasRunningDelay {
		t.Error("a pod of another namespace keeps its own life")
	}
}

// TestLifecycleKeepsCompactionRight: a pod whose life comes from the file
// is not compacted while a rule can still claim it.
func TestLifecycleKeepsCompactionRight(t *testing.T) {
	l, err := ParseLifecycle("life.yaml", []byte("apiVersion: kmctl.dev/v1alpha1\nkind: Lifecycle\nrules:\n- name: all\n  life: {failAfter: 1m}\n"))
	if err != nil {
		t.Fatal(err)
	}
	pod := runningPod(corev1.RestartPolicyAlways, nil)
	if isSettled(pod, script{lifecycle: l}, t0) || !isSettled(pod, script{}, t0) {
		t.Error("a running pod that the lifecycle fails is kept whole; without it, settled")
	}
}
