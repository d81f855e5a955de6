package simulator

import (
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/types"
)

func noPods() []heldIP                 { return nil }
func notCached(string, types.UID) bool { return false }

// TestNodeRecordLife: a node's record is made once, departs once (keeping
// only the time), is dropped departedFor later and made afresh if the node
// comes back.
func TestNodeRecordLife(t *testing.T) {
	r := newRecords(0, 1)
	t0 := time.Now()
	if !r.seeNode("n1", "", "", noPods, notCached).fresh {
		t.Fatal("first sight is not fresh")
	}
	r.wroteStatus("n1", t0)
	if c := r.seeNode("n1", `{"NotReady":""}`, "t1", noPods, notCached); c.fresh || !c.faultsChanged || !c.restarted {
		t.Errorf("second sight: %+v; want faults changed and a restart", c)
	}
	r.restartNode("n1", "t1", noPods, notCached)
	if _, ok := r.statusWrittenAt("n1"); ok || r.seeNode("n1", `{"NotReady":""}`, "t1", noPods, notCached) != (nodeChange{}) {
		t.Error("a restarted node keeps its status write, or plays the restart again")
	}
	r.wroteStatus("n1", t0)
	if !r.departNode("n1", t0) || r.departNode("n1", t0) {
		t.Fatal("a node departs once")
	}
	if _, ok := r.statusWrittenAt("n1"); ok || !r.departedRecently("n1", t0.Add(departedFor-time.Second)) {
		t.Error("a departed node keeps its status write, or is not departed")
	}
	r.dropDeparted("n1", t0.Add(departedFor-time.Second))
	if _, kept := r.nodes["n1"]; !kept {
		t.Fatal("dropped before departedFor")
	}
	if !r.seeNode("n1", "", "", noPods, notCached).fresh || r.departedRecently("n1", t0) {
		t.Error("a node back is not fresh, or still departed")
	}
	r.departNode("n1", t0)
	r.dropDeparted("n1", t0.Add(departedFor))
	if len(r.nodes) != 0 {
		t.Errorf("records left: %v", r.nodes)
	}
}

// TestPodRecordReplacedByANewPodOfTheSameName: a pod made again under the
// same name gets a new record; the old one's IP is freed and it counts as
// gone if it was waiting. No record is made for a node without one.
func TestPodRecordReplacedByANewPodOfTheSameName(t *testing.T) {
	r := newRecords(0, 1)
	if p, _ := r.pod("default/p", "u1", "n1"); p != nil {
		t.Fatal("a record for a pod of an unknown node")
	}
	r.seeNode("n1", "", "", noPods, notCached)
	old, _ := r.pod("default/p", "u1", "n1")
	r.seenPending(old)
	ip, err := r.giveIP(old, "10.0.0.0/30")
	if err != nil {
		t.Fatal(err)
	}
	p, replacedWaiting := r.pod("default/p", "u2", "n1")
	if p == old || !replacedWaiting {
		t.Fatalf("new record %v, replaced waiting %v", p != old, replacedWaiting)
	}
	if got, err := r.giveIP(p, "10.0.0.0/30"); err != nil || got != ip {
		t.Errorf("the new pod got %q (%v), want the old one's freed %s", got, err, ip)
	}
	if r.dropPod("default/p") || len(r.pods) != 0 {
		t.Error("the new pod was never counted waiting, and its record must go")
	}
}
