package meter

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestOldestLeaseSampled checks that the oldest lease of a step is the
// largest read at its start, its samples and its end, and that the next
// step starts over.
func TestOldestLeaseSampled(t *testing.T) {
	ages := []float64{12, 30.5, 8, 9}
	served := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "# TYPE %s gauge\n%s{shard=\"0\"} %g\n%s{shard=\"1\"} 1\n",
			metricLeaseOldest, metricLeaseOldest, ages[served], metricLeaseOldest)
		served++
	}))
	defer srv.Close()
	s := &Scraper{client: srv.Client(), simulator: srv.URL, oldestLease: math.NaN()}
	ctx := context.Background()
	for range 3 { // the start, a sample, the end
		if _, err := s.fetchSimulator(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.TakeOldestLease(); got != 30.5 {
		t.Errorf("oldest lease of the step = %v, want 30.5", got)
	}
	if got := s.TakeOldestLease(); !math.IsNaN(got) {
		t.Errorf("oldest lease with nothing read = %v, want NaN", got)
	}
	if _, err := s.Leases(ctx); err != nil {
		t.Fatal(err)
	}
	if got := s.TakeOldestLease(); got != 9 {
		t.Errorf("oldest lease of the next step = %v, want 9", got)
	}
}
