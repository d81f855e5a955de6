package benchrun

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/streaming"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	restwatch "k8s.io/client-go/rest/watch"
)

// fullPod is a pod as the apiserver sends it, with much the slim decoder
// skips.
func fullPod(node string, phase corev1.PodPhase) *corev1.Pod {
	now := metav1.NewTime(time.Unix(1700000000, 0))
	return &corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{
			Name: "p-1", Namespace: "bench", UID: "u-1", ResourceVersion: "42", Generation: 3,
			CreationTimestamp: now,
			Labels:            map[string]string{"kmctl.dev/run": "r1", "app": "web"},
			Annotations:       map[string]string{"note": "skipped"},
			OwnerReferences:   []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "rs", UID: "o-1"}},
			ManagedFields:     []metav1.ManagedFieldsEntry{{Manager: "kmctl", Operation: metav1.ManagedFieldsOperationApply, Time: &now}},
		},
		Spec: corev1.PodSpec{
			NodeName:      node,
			SchedulerName: "default-scheduler",
			Containers: []corev1.Container{{
				Name: "c", Image: "registry.k8s.io/pause:3.10",
				Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")}},
			}},
			Tolerations: []corev1.Toleration{{Key: "kwok.x-k8s.io/node", Operator: corev1.TolerationOpExists}},
		},
		Status: corev1.PodStatus{
			Phase:      phase,
			Conditions: []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: now}},
			PodIP:      "10.0.0.7",
		},
	}
}

// slimOf is what the decoder should make of p.
func slimOf(p *corev1.Pod) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: p.Name, Namespace: p.Namespace, UID: p.UID, ResourceVersion: p.ResourceVersion, Labels: p.Labels},
		Spec:       corev1.PodSpec{NodeName: p.Spec.NodeName},
		Status:     corev1.PodStatus{Phase: p.Status.Phase},
	}
}

// encodeWatch writes events as the apiserver does for a protobuf watch.
func encodeWatch(t testing.TB, w io.Writer, events ...watch.Event) {
	t.Helper()
	info, ok := runtime.SerializerInfoForMediaType(scheme.Codecs.SupportedMediaTypes(), runtime.ContentTypeProtobuf)
	if !ok {
		t.Fatal("no protobuf serializer")
	}
	embedded := scheme.Codecs.EncoderForVersion(info.Serializer, corev1.SchemeGroupVersion)
	framed := streaming.NewEncoder(info.StreamSerializer.Framer.NewFrameWriter(w), info.StreamSerializer.Serializer)
	enc := restwatch.NewEncoder(framed, embedded)
	for _, e := range events {
		if err := enc.Encode(&e); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSlimPodWatchReadsTheApiserversFrames(t *testing.T) {
	pending, running := fullPod("", corev1.PodPending), fullPod("n-1", corev1.PodRunning)
	bookmark := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{ResourceVersion: "50", Annotations: map[string]string{metav1.InitialEventsAnnotationKey: "true", "other": "x"}}}
	gone := &metav1.Status{Status: metav1.StatusFailure, Code: 410, Reason: metav1.StatusReasonExpired, Message: "too old resource version"}
	var query, accept string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query, accept = r.URL.RawQuery, r.Header.Get("Accept")
		encodeWatch(t, w,
			watch.Event{Type: watch.Added, Object: pending},
			watch.Event{Type: watch.Modified, Object: running},
			watch.Event{Type: watch.Bookmark, Object: bookmark},
			watch.Event{Type: watch.Error, Object: gone})
	}))
	defer srv.Close()
	client, err := kubernetes.NewForConfig(protobuf(&rest.Config{Host: srv.URL}))
	if err != nil {
		t.Fatal(err)
	}
	w, err := slimWatch(context.Background(), client, metav1.ListOptions{LabelSelector: "kmctl.dev/run=r1", ResourceVersion: "7"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	wantBookmark := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{ResourceVersion: "50", Annotations: map[string]string{metav1.InitialEventsAnnotationKey: "true"}}}
	want := []watch.Event{
		{Type: watch.Added, Object: slimOf(pending)},
		{Type: watch.Modified, Object: slimOf(running)},
		{Type: watch.Bookmark, Object: wantBookmark},
		{Type: watch.Error, Object: gone},
	}
	for i, wantEv := range want {
		got, ok := <-w.ResultChan()
		if !ok {
			t.Fatalf("the watch ended after %d events", i)
		}
		if got.Type != wantEv.Type || !reflect.DeepEqual(got.Object, wantEv.Object) {
			t.Errorf("event %d = %s %#v\nwant %s %#v", i, got.Type, got.Object, wantEv.Type, wantEv.Object)
		}
	}
	if !strings.Contains(query, "watch=true") || !strings.Contains(query, "labelSelector=kmctl.dev%2Frun%3Dr1") || !strings.Contains(query, "resourceVersion=7") {
		t.Errorf("query = %q, want the watch, its selector and resource version", query)
	}
	if accept != "application/vnd.kubernetes.protobuf;stream=watch" {
		t.Errorf("Accept = %q, want a protobuf watch stream", accept)
	}
}

func TestSlimPodDecoderRejectsBrokenStreams(t *testing.T) {
	var good bytes.Buffer
	encodeWatch(t, &good, watch.Event{Type: watch.Added, Object: fullPod("", corev1.PodPending)})
	frame := good.Bytes()
	huge := binary.BigEndian.AppendUint32(nil, maxWatchFrame+1)
	notProto := append(binary.BigEndian.AppendUint32(nil, 5), 0x0a, 0x03, 'A', 'D', 'D')
	for name, tc := range map[string]struct {
		stream []byte
		want   string
	}{
		"cut inside a frame": {frame[:len(frame)-3], "unexpected EOF"},
		"cut inside a size":  {frame[:2], "unexpected EOF"},
		"too large a frame":  {huge, "larger than"},
		"garbage":            {append(binary.BigEndian.AppendUint32(nil, 3), 0xff, 0xff, 0xff), "bad watch event"},
		"json object":        {notProto, "not protobuf-encoded"},
	} {
		t.Run(name, func(t *testing.T) {
			d := newSlimPodDecoder(io.NopCloser(bytes.NewReader(tc.stream)))
			_, _, err := d.Decode()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
	d := newSlimPodDecoder(io.NopCloser(bytes.NewReader(nil)))
	if _, _, err := d.Decode(); err != io.EOF {
		t.Errorf("an empty stream ends with %v, want io.EOF (a watch that closed)", err)
	}
}

// BenchmarkPodWatchDecode compares the slim decode of one event with
// client-go's full decode of the same frames, each over one long stream.
func BenchmarkPodWatchDecode(b *testing.B) {
	var stream bytes.Buffer
	encodeWatch(b, &stream, watch.Event{Type: watch.Modified, Object: fullPod("n-1", corev1.PodRunning)})
	frames := func() io.ReadCloser { return io.NopCloser(&repeating{frame: stream.Bytes()}) }
	b.Run("slim", func(b *testing.B) {
		d := newSlimPodDecoder(frames())
		b.ReportAllocs()
		for range b.N {
			if _, _, err := d.Decode(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("full", func(b *testing.B) {
		info, _ := runtime.SerializerInfoForMediaType(scheme.Codecs.SupportedMediaTypes(), runtime.ContentTypeProtobuf)
		framer := info.StreamSerializer.Framer.NewFrameReader(frames())
		d := restwatch.NewDecoder(streaming.NewDecoder(framer, info.StreamSerializer.Serializer), scheme.Codecs.UniversalDeserializer())
		b.ReportAllocs()
		for range b.N {
			if _, _, err := d.Decode(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// repeating reads one frame over and over.
type repeating struct {
	frame []byte
	off   int
}

func (r *repeating) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.frame[r.off:])
		n += c
		r.off = (r.off + c) % len(r.frame)
	}
	return n, nil
}
