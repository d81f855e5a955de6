package benchrun

import (
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/metrics"
)

func page(t *testing.T, text string) metrics.Families {
	t.Helper()
	f, err := metrics.ParseMetrics(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

const apiBefore = `# TYPE apiserver_request_duration_seconds histogram
apiserver_request_duration_seconds_bucket{verb="POST",resource="pods",subresource="",scope="namespace",le="0.1"} 10
apiserver_request_duration_seconds_bucket{verb="POST",resource="pods",subresource="",scope="namespace",le="1"} 10
apiserver_request_duration_seconds_bucket{verb="POST",resource="pods",subresource="",scope="namespace",le="+Inf"} 10
apiserver_request_duration_seconds_sum{verb="POST",resource="pods",subresource="",scope="namespace"} 0.5
apiserver_request_duration_seconds_count{verb="POST",resource="pods",subresource="",scope="namespace"} 10
# TYPE apiserver_request_total counter
apiserver_request_total{verb="POST",resource="pods",subresource="",scope="namespace",code="201"} 10
apiserver_request_total{verb="POST",resource="pods",subresource="",scope="namespace",code="500"} 1
`

const apiAfter = `# TYPE apiserver_request_duration_seconds histogram
apiserver_request_duration_seconds_bucket{verb="POST",resource="pods",subresource="",scope="namespace",le="0.1"} 100
apiserver_request_duration_seconds_bucket{verb="POST",resource="pods",subresource="",scope="namespace",le="1"} 110
apiserver_request_duration_seconds_bucket{verb="POST",resource="pods",subresource="",scope="namespace",le="+Inf"} 110
apiserver_request_duration_seconds_sum{verb="POST",resource="pods",subresource="",scope="namespace"} 9
apiserver_request_duration_seconds_count{verb="POST",resource="pods",subresource="",scope="namespace"} 110
apiserver_request_duration_seconds_bucket{verb="WATCH",resource="pods",subresource="",scope="cluster",le="+Inf"} 3
apiserver_request_duration_seconds_sum{verb="WATCH",resource="pods",subresource="",scope="cluster"} 3000
apiserver_request_duration_seconds_count{verb="WATCH",resource="pods",subresource="",scope="cluster"} 3
apiserver_request_duration_seconds_bucket{verb="LIST",resource="nodes",subresource="",scope="cluster",le="+Inf"} 2
apiserver_request_duration_seconds_sum{verb="LIST",resource="nodes",subresource="",scope="cluster"} 1
apiserver_request_duration_seconds_count{verb="LIST",resource="nodes",subresource="",scope="cluster"} 2
apiserver_request_duration_seconds_bucket{verb="PATCH",resource="pods",subresource="status",scope="namespace",le="+Inf"} 5
apiserver_request_duration_seconds_sum{verb="PATCH",resource="pods",subresource="status",scope="namespace"} 0.1
apiserver_request_duration_seconds_count{verb="PATCH",resource="pods",subresource="status",scope="namespace"} 5
# TYPE apiserver_request_total counter
apiserver_request_total{verb="POST",resource="pods",subresource="",scope="namespace",code="201"} 105
apiserver_request_total{verb="POST",resource="pods",subresource="",scope="namespace",code="500"} 4
apiserver_request_total{verb="POST",resource="pods",subresource="",scope="namespace",code="503"} 2
# TYPE apiserver_flowcontrol_rejected_requests_total counter
apiserver_flowcontrol_rejected_requests_total{priority_level="workload-low",reason="queue-full"} 7
# TYPE apiserver_storage_size_bytes gauge
apiserver_storage_size_bytes{storage_cluster_id="etcd-0"} 1.5e+07
`

func TestAPIServerDelta(t *testing.T) {
	d := apiserverDelta(page(t, apiBefore), page(t, apiAfter))
	if len(d.Requests) != 3 {
		t.Fatalf("requests = %+v, want POST pods, PATCH pods/status, LIST nodes (no WATCH)", d.Requests)
	}
	post := d.Requests[0]
	if post.Verb != "POST" || post.Resource != "pods" || post.Count != 100 || post.Errors != 5 || post.SLO != 1 {
		t.Errorf("POST pods = %+v, want 100 requests, 5 server errors, SLO 1 s", post)
	}
	if post.Perc99 <= 0.1 || post.Perc99 > 1 {
		t.Errorf("POST pods p99 %v, want in the 0.1-1 s bucket (10 of 100 there)", post.Perc99)
	}
	if patch := d.Requests[1]; patch.Resource != "pods/status" || patch.Count != 5 {
		t.Errorf("second request = %+v, want 5 PATCH pods/status", patch)
	}
	if list := d.Requests[2]; list.SLO != 30 {
		t.Errorf("a cluster-wide LIST is held to %v s, want 30", list.SLO)
	}
	if d.Rejected != 7 || d.EtcdDBBytes != 1.5e7 {
		t.Errorf("rejected %v, db %v", d.Rejected, d.EtcdDBBytes)
	}
	if s := sloSeconds("LIST", "namespace"); s != 5 {
		t.Errorf("namespaced LIST SLO %v, want 5", s)
	}
}

func TestSchedulerDeltaAfterRestart(t *testing.T) {
	before := page(t, `# TYPE scheduler_scheduling_attempt_duration_seconds histogram
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="0.01"} 500
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="+Inf"} 500
scheduler_scheduling_attempt_duration_seconds_sum{profile="default-scheduler",result="scheduled"} 1
scheduler_scheduling_attempt_duration_seconds_count{profile="default-scheduler",result="scheduled"} 500
`)
	after := page(t, `# TYPE scheduler_scheduling_attempt_duration_seconds histogram
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="0.01"} 40
scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="+Inf"} 40
scheduler_scheduling_attempt_duration_seconds_sum{profile="default-scheduler",result="scheduled"} 0.1
scheduler_scheduling_attempt_duration_seconds_count{profile="default-scheduler",result="scheduled"} 40
# TYPE scheduler_pending_pods gauge
scheduler_pending_pods{queue="active"} 3
scheduler_pending_pods{queue="unschedulable"} 12
`)
	d := schedulerDelta(before, after)
	if got := d.AttemptDuration["scheduled"].Count; got != 40 {
		t.Errorf("after a restart the attempts are the new process's: %d, want 40", got)
	}
	if d.Pending["unschedulable"] != 12 || d.Pending["active"] != 3 {
		t.Errorf("pending = %v", d.Pending)
	}
}
