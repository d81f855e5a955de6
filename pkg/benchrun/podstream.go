package benchrun

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"google.golang.org/protobuf/encoding/protowire"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
)

// Field numbers of the messages the slim decoder reads, from the
// Kubernetes API's generated.proto files (stable: protobuf field numbers
// are never reused).
const (
	fieldWatchType   = 1 // metav1.WatchEvent.type
	fieldWatchObject = 2 // metav1.WatchEvent.object (a RawExtension)
	fieldRawRaw      = 1 // runtime.RawExtension.raw
	fieldUnknownRaw  = 2 // runtime.Unknown.raw
	fieldPodMeta     = 1 // Pod.metadata
	fieldPodSpec     = 2 // Pod.spec
	fieldPodStatus   = 3 // Pod.status
	fieldMetaName    = 1 // ObjectMeta.name
	fieldMetaNS      = 3 // ObjectMeta.namespace
	fieldMetaUID     = 5 // ObjectMeta.uid
	fieldMetaRV      = 6 // ObjectMeta.resourceVersion
	fieldMetaLabels  = 11
	fieldMetaAnnots  = 12
	fieldSpecNode    = 10 // PodSpec.nodeName
	fieldStatusPhase = 1  // PodStatus.phase
	fieldMapKey      = 1
	fieldMapValue    = 2
)

// protobufMagic starts every object the apiserver encodes in protobuf.
const protobufMagic = "k8s\x00"

// maxWatchFrame bounds one event of the pod watch: a pod is a few KiB, the
// apiserver's own request limit is 3 MiB.
const maxWatchFrame = 16 << 20

// watchSlimPods watches pods in protobuf and decodes of each only what the
// clock reads (identity, labels, node and phase): decoding whole pods was
// most of what measuring cost kmctl, and a slim decode is about a third of
// it.
func watchSlimPods(ctx context.Context, client rest.Interface, o metav1.ListOptions) (watch.Interface, error) {
	o.Watch = true
	body, err := client.Get().Resource("pods").
		VersionedParams(&o, scheme.ParameterCodec).
		SetHeader("Accept", runtime.ContentTypeProtobuf+";stream=watch").
		Stream(ctx)
	if err != nil {
		return nil, err
	}
	return watch.NewStreamWatcher(newSlimPodDecoder(body), watchErrorReporter{}), nil
}

// watchErrorReporter turns a broken stream into the watch's error event,
// so that the reflector lists again.
type watchErrorReporter struct{}

func (watchErrorReporter) AsObject(err error) runtime.Object {
	return &metav1.Status{Status: metav1.StatusFailure, Reason: metav1.StatusReasonUnknown, Message: err.Error()}
}

// slimPodDecoder reads the watch's length-prefixed protobuf frames.
type slimPodDecoder struct {
	body io.ReadCloser
	r    *bufio.Reader
	buf  []byte
}

func newSlimPodDecoder(body io.ReadCloser) *slimPodDecoder {
	return &slimPodDecoder{body: body, r: bufio.NewReaderSize(body, 64<<10)}
}

// Decode reads one event: a pod, slim, or for an ERROR event its Status.
func (d *slimPodDecoder) Decode() (watch.EventType, runtime.Object, error) {
	frame, err := d.frame()
	if err != nil {
		return "", nil, err
	}
	typ, raw, err := splitWatchEvent(frame)
	if err != nil {
		return "", nil, err
	}
	if typ == watch.Error {
		status := &metav1.Status{}
		if err := status.Unmarshal(raw); err != nil {
			return "", nil, fmt.Errorf("bad error event in the watch: %w", err)
		}
		return typ, status, nil
	}
	pod, err := decodeSlimPod(raw)
	if err != nil {
		return "", nil, err
	}
	return typ, pod, nil
}

// Close ends the stream.
func (d *slimPodDecoder) Close() { d.body.Close() }

// frame reads one length-prefixed frame into a buffer reused for the next.
func (d *slimPodDecoder) frame() ([]byte, error) {
	var size [4]byte
	if _, err := io.ReadFull(d.r, size[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(size[:])
	if n > maxWatchFrame {
		return nil, fmt.Errorf("watch event of %d bytes is larger than %d: not a pod watch", n, maxWatchFrame)
	}
	if cap(d.buf) < int(n) {
		d.buf = make([]byte, n)
	}
	d.buf = d.buf[:n]
	if _, err := io.ReadFull(d.r, d.buf); err != nil {
		return nil, unexpectedEOF(err)
	}
	return d.buf, nil
}

// unexpectedEOF reports a stream that ends inside a frame as broken, not
// as a watch that closed.
func unexpectedEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// splitWatchEvent returns a WatchEvent's type and the object inside its
// envelope (the Unknown message after the magic prefix).
func splitWatchEvent(frame []byte) (watch.EventType, []byte, error) {
	var typ watch.EventType
	var obj []byte
	err := eachField(frame, func(num protowire.Number, v []byte) {
		switch num {
		case fieldWatchType:
			typ = watch.EventType(v)
		case fieldWatchObject:
			obj = v
		}
	})
	if err != nil {
		return "", nil, fmt.Errorf("bad watch event: %w", err)
	}
	ext, err := bytesField(obj, fieldRawRaw)
	if err != nil {
		return "", nil, err
	}
	if len(ext) < len(protobufMagic) || string(ext[:len(protobufMagic)]) != protobufMagic {
		return "", nil, errors.New("bad watch event: the object is not protobuf-encoded")
	}
	raw, err := bytesField(ext[len(protobufMagic):], fieldUnknownRaw)
	return typ, raw, err
}

// decodeSlimPod reads a pod's identity, labels, node and phase.
func decodeSlimPod(raw []byte) (*corev1.Pod, error) {
	pod := &corev1.Pod{}
	var errs []error
	err := eachField(raw, func(num protowire.Number, v []byte) {
		switch num {
		case fieldPodMeta:
			errs = append(errs, decodeSlimMeta(v, &pod.ObjectMeta))
		case fieldPodSpec:
			errs = append(errs, eachField(v, func(n protowire.Number, s []byte) {
				if n == fieldSpecNode {
					pod.Spec.NodeName = string(s)
				}
			}))
		case fieldPodStatus:
			errs = append(errs, eachField(v, func(n protowire.Number, s []byte) {
				if n == fieldStatusPhase {
					pod.Status.Phase = corev1.PodPhase(s)
				}
			}))
		}
	})
	if err = errors.Join(append(errs, err)...); err != nil {
		return nil, fmt.Errorf("bad pod in the watch: %w", err)
	}
	return pod, nil
}

func decodeSlimMeta(raw []byte, m *metav1.ObjectMeta) error {
	var errs []error
	err := eachField(raw, func(num protowire.Number, v []byte) {
		switch num {
		case fieldMetaName:
			m.Name = string(v)
		case fieldMetaNS:
			m.Namespace = string(v)
		case fieldMetaUID:
			m.UID = types.UID(v)
		case fieldMetaRV:
			m.ResourceVersion = string(v)
		case fieldMetaLabels:
			errs = append(errs, addEntry(v, &m.Labels, nil))
		case fieldMetaAnnots:
			// A watch-list stream ends its initial events with a bookmark
			// carrying this annotation; the reflector waits for it.
			errs = append(errs, addEntry(v, &m.Annotations, func(k string) bool { return k == metav1.InitialEventsAnnotationKey }))
		}
	})
	return errors.Join(append(errs, err)...)
}

// addEntry reads one map entry into *to, when keep (nil keeps all) wants
// its key.
func addEntry(entry []byte, to *map[string]string, keep func(string) bool) error {
	var key, value string
	err := eachField(entry, func(num protowire.Number, v []byte) {
		switch num {
		case fieldMapKey:
			key = string(v)
		case fieldMapValue:
			value = string(v)
		}
	})
	if keep != nil && !keep(key) {
		return err
	}
	if *to == nil {
		*to = map[string]string{}
	}
	(*to)[key] = value
	return err
}

// eachField calls fn with every length-delimited field of a message (the
// strings, bytes and messages) and skips the others.
func eachField(msg []byte, fn func(protowire.Number, []byte)) error {
	for len(msg) > 0 {
		num, typ, n := protowire.ConsumeTag(msg)
		if n < 0 {
			return protowire.ParseError(n)
		}
		msg = msg[n:]
		if typ == protowire.BytesType {
			v, m := protowire.ConsumeBytes(msg)
			if m < 0 {
				return protowire.ParseError(m)
			}
			fn(num, v)
			msg = msg[m:]
			continue
		}
		m := protowire.ConsumeFieldValue(num, typ, msg)
		if m < 0 {
			return protowire.ParseError(m)
		}
		msg = msg[m:]
	}
	return nil
}

// bytesField is the last value of one length-delimited field.
func bytesField(msg []byte, field protowire.Number) ([]byte, error) {
	var out []byte
	err := eachField(msg, func(num protowire.Number, v []byte) {
		if num == field {
			out = v
		}
	})
	if err != nil {
		return nil, fmt.Errorf("bad watch event: %w", err)
	}
	return out, nil
}
