package meter

import (
	"github.com/kmctl/kmctl/pkg/metrics"
	"sync"

	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math"
	"net/http"
	"syscall"
	"time"

	"github.com/kmctl/kmctl/pkg/cluster"
)

// Scraper reads the scheduler's and the simulator's /metrics directly, so
// that samples have no scrape lag (Prometheus scrapes every 15 s).
type Scraper struct {
	client               *http.Client
	scheduler, simulator string
	// oldestLease is the largest age of the simulator's oldest lease read
	// since TakeOldestLease (NaN: none read), so that a step that samples
	// sees the worst moment between its first and last readings.
	oldestLease float64
}

// NewScraper reads the cluster's ports. The scheduler serves /metrics on
// its secure port to anyone (always-allowed path) with a self-signed cert.
func NewScraper(cfg *cluster.Config) *Scraper {
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}} //nolint:gosec // local self-signed
	return &Scraper{
		client:      &http.Client{Transport: tr, Timeout: 10 * time.Second},
		scheduler:   fmt.Sprintf("https://127.0.0.1:%d/metrics", cfg.Ports.Scheduler),
		simulator:   fmt.Sprintf("http://127.0.0.1:%d/metrics", cfg.Ports.Simulator),
		oldestLease: math.NaN(),
	}
}

// Snapshot is one reading of the counters the pod steps follow.
type Snapshot struct {
	at time.Time
	// counts holds the counters; its At is set once the step's first
	// reading is known.
	counts   Sample
	attempts metrics.Histogram
	// sinceCreated and sinceBound time the pods the simulator started.
	sinceCreated, sinceBound metrics.Histogram
}

// snapshot reads both endpoints.
func (s *Scraper) snapshot(ctx context.Context) (Snapshot, error) {
	snap := Snapshot{at: time.Now()}
	sched, err := s.fetch(ctx, s.scheduler)
	if errors.Is(err, syscall.ECONNREFUSED) {
		// Nothing listens: the scheduler is stopped (kmctl stop component),
		// and once started again it counts from zero.
		sched = metrics.Families{}
	} else if err != nil {
		return snap, err
	}
	sim, err := s.fetchSimulator(ctx)
	if err != nil {
		return snap, err
	}
	snap.attempts = sched.Histogram(metricAttemptDuration, scheduledOnly)
	snap.sinceCreated = sim.Histogram(metricPodStart, fromCreated)
	snap.sinceBound = sim.Histogram(metricPodStart, fromScheduled)
	c := &snap.counts
	c.Scheduled = sched.Counter(metricScheduled, scheduledOnly)
	c.Started = sim.Counter(metricStarted, nil)
	c.Seen = sim.Counter(metricSeen, nil)
	c.Queued = sim.Counter(metricQueue, podQueue)
	c.WriteSeconds, c.Writes = sim.HistogramTotals(metricWriteDuration, podStatusWrites)
	return snap, nil
}

// Leases reads the simulator's lease metrics.
func (s *Scraper) Leases(ctx context.Context) (LeaseReading, error) {
	sim, err := s.fetchSimulator(ctx)
	if err != nil {
		return UnreadLeases(), err
	}
	return ReadLeases(sim), nil
}

// fetchSimulator reads the simulator's page and keeps the oldest lease it shows.
func (s *Scraper) fetchSimulator(ctx context.Context) (metrics.Families, error) {
	sim, err := s.fetch(ctx, s.simulator)
	if err == nil {
		s.oldestLease = maxOf(s.oldestLease, sim.GaugeMax(metricLeaseOldest))
	}
	return sim, err
}

// TakeOldestLease returns the largest oldest-lease age read since the last
// call (NaN: none) and starts over.
func (s *Scraper) TakeOldestLease() float64 {
	v := s.oldestLease
	s.oldestLease = math.NaN()
	return v
}

// fetch GETs and parses one /metrics page in the text format.
func (s *Scraper) fetch(ctx context.Context, url string) (metrics.Families, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/plain;version=0.0.4")
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("cannot read %s: %s", url, resp.Status)
	}
	fams, err := metrics.ParseMetrics(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	return fams, nil
}

// SampleDuring runs work while reading the counters every interval, once
// before and once after. A failed reading is skipped and reported to warn.
func (s *Scraper) SampleDuring(ctx context.Context, every time.Duration, warn func(error), work func() error) ([]Snapshot, error) {
	sampling := s.Start(ctx, every, warn)
	err := work()
	return sampling.Stop(), err
}

// Sampling reads the counters every interval from a goroutine of its own,
// between Start and Stop.
type Sampling struct {
	s     *Scraper
	ctx   context.Context
	warn  func(error)
	mu    sync.Mutex
	snaps []Snapshot
	stop  chan struct{}
	done  chan struct{}
}

// Start takes a first reading and goes on reading every interval until
// Stop. A failed reading is skipped and reported to warn.
func (s *Scraper) Start(ctx context.Context, every time.Duration, warn func(error)) *Sampling {
	p := &Sampling{s: s, ctx: ctx, warn: warn, stop: make(chan struct{}), done: make(chan struct{})}
	p.take()
	go func() {
		defer close(p.done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				p.take()
			}
		}
	}()
	return p
}

// Stop ends the readings, takes a last one and returns them all in order.
func (p *Sampling) Stop() []Snapshot {
	close(p.stop)
	<-p.done
	p.take()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.snaps
}

func (p *Sampling) take() {
	snap, err := p.s.snapshot(p.ctx)
	if err != nil {
		if p.ctx.Err() == nil {
			p.warn(err)
		}
		return
	}
	p.mu.Lock()
	p.snaps = append(p.snaps, snap)
	p.mu.Unlock()
}

// Summarize turns the snapshots of a pod step into its rates, throughput
// and scheduling latencies.
func Summarize(name string, pods int, took time.Duration, snaps []Snapshot) PodStep {
	ps := PodStep{Name: name, Pods: pods, Took: took}
	if len(snaps) < 2 {
		return ps
	}
	first, last := snaps[0], snaps[len(snaps)-1]
	samples := make([]Sample, len(snaps))
	for i, s := range snaps {
		samples[i] = s.counts
		samples[i].At = s.at.Sub(first.at)
	}
	ps.Sampled = true
	ps.Rates = AnalyzeRates(samples, RunningThreshold)
	if secs := last.at.Sub(first.at).Seconds(); secs > 0 {
		ps.Throughput = CounterDelta(first.counts.Scheduled, last.counts.Scheduled) / secs
	}
	ps.Attempts = quantilesOf(last.attempts.Sub(first.attempts))
	ps.Startup = quantilesOf(last.sinceCreated.Sub(first.sinceCreated))
	ps.BoundToRunning = quantilesOf(last.sinceBound.Sub(first.sinceBound))
	return ps
}
