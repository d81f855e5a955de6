package simulator

import (
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// TestPodStartDurations checks that a started pod is timed from its
// creation and from its binding, and that a pod never bound by a scheduler
// (spec.nodeName set by its author) is timed from its creation only.
func TestPodStartDurations(t *testing.T) {
	m := NewMetrics()
	now := time.Date(2026, 12, 1, 12, 0, 10, 0, time.UTC)
	bound := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{CreationTimestamp: metav1.NewTime(now.Add(-7 * time.Second))},
		Status: corev1.PodStatus{Conditions: []corev1.PodCondition{
			{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: metav1.NewTime(now.Add(-2 * time.Second))},
		}},
	}
	direct := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{CreationTimestamp: metav1.NewTime(now.Add(-time.Second))}}
	m.podStarted(bound, now)
	m.podStarted(direct, now)

	created := histogramOf(t, m.podStart.WithLabelValues("created"))
	if created.GetSampleCount() != 2 || created.GetSampleSum() != 8 {
		t.Errorf("from created: %d samples summing to %v s, want 2 summing to 8 s", created.GetSampleCount(), created.GetSampleSum())
	}
	scheduled := histogramOf(t, m.podStart.WithLabelValues("scheduled"))
	if scheduled.GetSampleCount() != 1 || scheduled.GetSampleSum() != 2 {
		t.Errorf("from scheduled: %d samples summing to %v s, want 1 of 2 s", scheduled.GetSampleCount(), scheduled.GetSampleSum())
	}
}

func TestScheduledAt(t *testing.T) {
	at := metav1.NewTime(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	for _, tc := range []struct {
		name string
		cond corev1.PodCondition
		ok   bool
	}{
		{"bound", corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: at}, true},
		{"unschedulable", corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionFalse, LastTransitionTime: at}, false},
		{"no time", corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionTrue}, false},
		{"other condition", corev1.PodCondition{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: at}, false},
	} {
		pod := &corev1.Pod{Status: corev1.PodStatus{Conditions: []corev1.PodCondition{tc.cond}}}
		got, ok := scheduledAt(pod)
		if ok != tc.ok || (ok && !got.Equal(at.Time)) {
			t.Errorf("%s: scheduledAt = %v, %v; want %v, %v", tc.name, got, ok, at.Time, tc.ok)
		}
	}
}

func histogramOf(t *testing.T, o prometheus.Observer) *dto.Histogram {
	t.Helper()
	var out dto.Metric
	if err := o.(prometheus.Metric).Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.GetHistogram()
}
