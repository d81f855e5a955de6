package benchrun

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"syscall"
	"time"

	"k8s.io/client-go/kubernetes"

	"github.com/kmctl/kmctl/pkg/cluster"
	"github.com/kmctl/kmctl/pkg/metrics"
)

// scraper reads the components' own /metrics, with no scrape lag
// (Prometheus scrapes every 15 s): the scheduler's secure port, whose
// /metrics is an always-allowed path, and the apiserver's as admin.
type scraper struct {
	http      *http.Client
	scheduler string
	api       kubernetes.Interface
}

func newScraper(cfg *cluster.Config, api kubernetes.Interface) *scraper {
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // the scheduler's self-signed local cert
		DialContext:         newDialer().DialContext,
		MaxIdleConnsPerHost: 2,
	}
	return &scraper{
		http:      &http.Client{Transport: tr, Timeout: 10 * time.Second},
		scheduler: fmt.Sprintf("https://127.0.0.1:%d/metrics", cfg.Ports.Scheduler),
		api:       api,
	}
}

// schedulerMetrics reads the scheduler's page; a stopped scheduler (nothing
// listens) reads as an empty page, since it counts from zero once started.
func (s *scraper) schedulerMetrics(ctx context.Context) (metrics.Families, error) {
	return s.schedulerFamilies(ctx, metrics.ParseMetrics)
}

// schedulerPending reads only the scheduler's pending-pods gauge, for the
// timeline's samples every second.
func (s *scraper) schedulerPending(ctx context.Context) (metrics.Families, error) {
	return s.schedulerFamilies(ctx, func(r io.Reader) (metrics.Families, error) {
		return metrics.ParseOnly(r, metricPending)
	})
}

func (s *scraper) schedulerFamilies(ctx context.Context, parse func(io.Reader) (metrics.Families, error)) (metrics.Families, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.scheduler, nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.http.Do(req)
	if errors.Is(err, syscall.ECONNREFUSED) {
		return metrics.Families{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the scheduler's metrics: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the scheduler's metrics answered %s", resp.Status)
	}
	return parse(resp.Body)
}

// apiserverMetrics reads the apiserver's page.
func (s *scraper) apiserverMetrics(ctx context.Context) (metrics.Families, error) {
	body, err := s.api.CoreV1().RESTClient().Get().AbsPath("/metrics").DoRaw(ctx)
	if err != nil {
		return nil, fmt.Errorf("cannot read the apiserver's metrics: %w", err)
	}
	return metrics.ParseMetrics(bytes.NewReader(body))
}
