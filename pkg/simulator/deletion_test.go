package simulator

import (
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestDeletionWait(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *metav1.Time { return &metav1.Time{Time: now.Add(d)} }
	tests := []struct {
		name     string
		d        deletion
		graceCap time.Duration
		wantD    time.Duration
	}{
		{"graceful: the kubelet confirms at once", deletion{timestamp: at(30 * time.Second), gracePeriod: ptr(int64(30))}, 0, 0},
		{"grace 0 just now: left to the apiserver", deletion{timestamp: at(0), gracePeriod: ptr(int64(0))}, 0, apiserverDeleteWait},
		{"grace 0 two seconds ago", deletion{timestamp: at(-2 * time.Second), gracePeriod: ptr(int64(0))}, 0, apiserverDeleteWait - 2*time.Second},
		{"grace 0 long ago: the apiserver did not, so the simulator does", deletion{timestamp: at(-time.Minute), gracePeriod: ptr(int64(0))}, 0, 0},
		{"no grace period recorded", deletion{timestamp: at(0)}, 0, 0},
		{"grace 30 s under a 10 s cap, asked 4 s ago", deletion{timestamp: at(26 * time.Second), gracePeriod: ptr(int64(30))}, 10 * time.Second, 6 * time.Second},
		{"grace 30 s under a 1 m cap: all of it", deletion{timestamp: at(30 * time.Second), gracePeriod: ptr(int64(30))}, time.Minute, 30 * time.Second},
		{"grace over", deletion{timestamp: at(-time.Second), gracePeriod: ptr(int64(30))}, time.Minute, 0},
	}
	for _, tt := range tests {
		if got := tt.d.wait(now, tt.graceCap); got != tt.wantD {
			t.Errorf("%s: wait = %s, want %s", tt.name, got, tt.wantD)
		}
	}
}

func TestDeletionOfBothForms(t *testing.T) {
	ts := &metav1.Time{Time: time.Unix(100, 0)}
	pod := boundPod()
	pod.DeletionTimestamp, pod.DeletionGracePeriodSeconds = ts, ptr(int64(0))
	settled := &settledPod{Name: pod.Name, Namespace: pod.Namespace, UID: pod.UID,
		DeletionTimestamp: ts, DeletionGracePeriodSeconds: ptr(int64(0))}
	for name, d := range map[string]deletion{"pod": deletionOf(pod), "settled": deletionOf(settled.GetObjectMeta())} {
		if d.name != pod.Name || d.namespace != pod.Namespace || d.uid != pod.UID ||
			!d.timestamp.Equal(ts) || d.gracePeriod == nil || *d.gracePeriod != 0 {
			t.Errorf("%s: %+v", name, d)
		}
	}
}
