package simulator

import (
	"net/netip"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/types"
)

// records are what the simulator knows of its nodes and their pods beyond
// the informer caches: one nodeState per node, one podState per pod.
//
// A node's record is made by the node's sync when it first sees the node as
// the simulator's, and removed by the same sync (see syncNode); a pod's is
// made by the pod's sync once its node has a record, and removed by the
// pod's sync once the pod is gone from the cache (see syncPod). A work
// queue never runs two syncs of one key at once, so no record depends on the
// order in which the informers deliver events, and the event handlers only
// queue keys. One lock guards them all: each hold is a few map operations.
type records struct {
	mu    sync.Mutex
	nodes map[string]*nodeState
	// pods are keyed by namespace/name, which is all a deleted pod's sync has.
	pods map[string]*podState
	// ranges are the podCIDRs handed to nodes created without one; they
	// outlive the records of departed nodes that still hold them.
	ranges fallbackRanges
}

// nodeState is what the simulator knows of one node.
type nodeState struct {
	// departed is when the node left the simulator (deleted, or no longer
	// matching its selector); zero while the simulator plays its kubelet.
	departed time.Time
	// statusWritten is when the apiserver last accepted its status.
	statusWritten time.Time
	// faults is the fault annotation its last sync read.
	faults string
	// restart is the kubelet restart annotation last played.
	restart string
	// pool holds the pod IPs in use on the node; nil once it departed.
	pool *nodePool
	// problems are the problems logged for its writes, by kind of write.
	problems map[string]string
}

// podState is what the simulator knows of one pod bound to one of its nodes.
type podState struct {
	uid  types.UID
	node string
	// ip is the address the pod holds in its node's pool: one handed out,
	// or one it reports.
	ip netip.Addr
	// due is when the pod's running delay began; zero until it was due.
	due time.Time
	// counted is true once the pod was counted seen waiting (at most once).
	counted bool
	// waiting is true while it is counted seen and neither started nor gone.
	waiting bool
	// readyHold is when its readiness probes pass again after its kubelet
	// restarted; nil when none is held.
	readyHold *time.Time
}

func newRecords(shard, shards int) *records {
	return &records{
		nodes:  map[string]*nodeState{},
		pods:   map[string]*podState{},
		ranges: newFallbackRanges(shard, shards),
	}
}

// heldIP is an IP a pod of a node reports, as the pod cache holds it.
type heldIP struct {
	key string
	uid types.UID
	ip  netip.Addr
}

// nodeChange is what a node's sync found changed since the last one.
type nodeChange struct {
	// fresh is true when the node had no live record (first seen, or back
	// after it departed).
	fresh bool
	// faultsChanged is true when its fault annotation differs.
	faultsChanged bool
	// restarted is true when its kubelet restart annotation differs from
	// the one last played (see restartNode).
	restarted bool
}

// seeNode records that the simulator plays kubelet for the node, whose
// fault and kubelet restart annotations read faults and restart, and says
// what changed.
//
// A fresh node's pool starts with the IPs its pods report (after a restart,
// or when the node comes back), listed by held, before any of its pods can
// be given one: its pods get records only once the node has one. A pod is
// adopted only if cached, asked under r.mu, still holds it: the informer
// removes a deleted pod from its cache before it queues the pod, whose sync
// (which drops the record) then waits for r.mu.
func (r *records) seeNode(name, faults, restart string, held func() []heldIP, cached func(key string, uid types.UID) bool) nodeChange {
	var pods []heldIP
	if !r.hasLive(name) {
		pods = held()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := r.live(name); n != nil {
		change := nodeChange{faultsChanged: n.faults != faults, restarted: n.restart != restart}
		n.faults = faults
		return change
	}
	r.freshLocked(name, faults, restart, pods, cached)
	return nodeChange{fresh: true}
}

// restartNode makes the node's live record afresh, as its kubelet restarts:
// no status written yet, no problem logged, the pool rebuilt from the IPs
// its pods report (see seeNode), and restart recorded as played.
func (r *records) restartNode(name, restart string, held func() []heldIP, cached func(key string, uid types.UID) bool) {
	pods := held()
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := r.live(name); n != nil {
		r.freshLocked(name, n.faults, restart, pods, cached)
	}
}

// freshLocked makes a new live record for the node; r.mu is held.
func (r *records) freshLocked(name, faults, restart string, pods []heldIP, cached func(key string, uid types.UID) bool) {
	r.nodes[name] = &nodeState{faults: faults, restart: restart, pool: newNodePool()}
	for _, h := range pods {
		if !cached(h.key, h.uid) {
			continue
		}
		p := r.pods[h.key]
		if p == nil {
			p = &podState{uid: h.uid, node: name}
			r.pods[h.key] = p
		}
		if p.uid == h.uid { // else an earlier pod's record, which the pod's sync replaces
			r.takeLocked(p, h.ip)
		}
	}
}

// hasLive reports whether the node has a live record.
func (r *records) hasLive(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.live(name) != nil
}

// departNode records that the node left the simulator at now, dropping all
// that was known of it but the time; false if it had no live record.
func (r *records) departNode(name string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := r.nodes[name]; n == nil || !n.departed.IsZero() {
		return false
	}
	r.nodes[name] = &nodeState{departed: now}
	return true
}

// dropDeparted removes the record of a node that departed departedFor ago.
func (r *records) dropDeparted(name string, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := r.nodes[name]; n != nil && !n.departed.IsZero() && now.Sub(n.departed) >= departedFor {
		delete(r.nodes, name)
	}
}

// departedRecently reports whether the node left the simulator less than
// departedFor before now.
func (r *records) departedRecently(name string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := r.nodes[name]
	return n != nil && !n.departed.IsZero() && now.Sub(n.departed) < departedFor
}

// live is the record of a node the simulator plays kubelet for; r.mu is held.
func (r *records) live(name string) *nodeState {
	if n := r.nodes[name]; n != nil && n.departed.IsZero() {
		return n
	}
	return nil
}

// statusWrittenAt is when the apiserver last accepted the node's status;
// false if it never did since the node was first seen.
func (r *records) statusWrittenAt(name string) (time.Time, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := r.live(name)
	if n == nil || n.statusWritten.IsZero() {
		return time.Time{}, false
	}
	return n.statusWritten, true
}

// wroteStatus records that the apiserver accepted the node's status at.
func (r *records) wroteStatus(name string, at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := r.live(name); n != nil {
		n.statusWritten = at
	}
}

// firstProblem records problem for the node's writes of kind and reports
// whether it differs from the one recorded before (so it is worth logging).
func (r *records) firstProblem(node, kind, problem string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := r.live(node)
	if n == nil {
		return true
	}
	if n.problems[kind] == problem {
		return false
	}
	if n.problems == nil {
		n.problems = map[string]string{}
	}
	n.problems[kind] = problem
	return true
}

// resolved forgets the problem of the node's writes of kind: it was fixed.
func (r *records) resolved(node, kind string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := r.live(node); n != nil && n.problems != nil {
		delete(n.problems, kind)
	}
}

// pod returns the record of the pod named key with uid, bound to node: the
// one made before, or one made now if the node has a live record (nil if it
// has none). A record of an earlier pod of the same name is dropped first;
// replacedWaiting reports whether that pod was still counted waiting.
func (r *records) pod(key string, uid types.UID, node string) (p *podState, replacedWaiting bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p = r.pods[key]; p != nil && p.uid == uid {
		return p, false
	}
	if p != nil {
		replacedWaiting = r.dropLocked(key, p)
	}
	if r.live(node) == nil {
		return nil, replacedWaiting
	}
	p = &podState{uid: uid, node: node}
	r.pods[key] = p
	return p, replacedWaiting
}

// dropPod removes the record of a pod gone from the cache, freeing its IP,
// and reports whether the pod was still counted waiting.
func (r *records) dropPod(key string) (waiting bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p := r.pods[key]; p != nil {
		return r.dropLocked(key, p)
	}
	return false
}

// dropLocked is the one place a pod's record goes; r.mu is held.
func (r *records) dropLocked(key string, p *podState) (waiting bool) {
	r.freeLocked(p)
	delete(r.pods, key)
	return p.waiting
}

// seenPending counts the pod seen waiting, once in its life; true if now.
func (r *records) seenPending(p *podState) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p.counted {
		return false
	}
	p.counted, p.waiting = true, true
	return true
}

// started records that the pod left the waiting set, started; counted
// reports whether it had been counted seen (one whose node came after it
// was not) and waiting whether it was still waiting (not started already).
func (r *records) started(p *podState) (counted, waiting bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	counted, waiting = p.counted, p.waiting
	p.counted, p.waiting = true, false
	return counted, waiting
}

// dueSince is when the pod's running delay began, first set to now (plus
// offset) by the first call.
func (r *records) dueSince(p *podState, now time.Time, offset time.Duration) time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p.due.IsZero() {
		p.due = now.Add(offset)
	}
	return p.due
}

// holdReady keeps the pod not ready until until (see podView.readyAt).
func (r *records) holdReady(p *podState, until time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p.readyHold = &until
}

// readyHeld is when the pod's readiness hold ends; zero if it has none left
// at now (a hold that passed is dropped).
func (r *records) readyHeld(p *podState, now time.Time) time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p.readyHold == nil {
		return time.Time{}
	}
	if !p.readyHold.After(now) {
		p.readyHold = nil
		return time.Time{}
	}
	return *p.readyHold
}
