package cluster

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kmctl/kmctl/components"
)

func TestConfigRoundTrip(t *testing.T) {
	e := newTestEnv(t, true)
	cfg := e.config("saved")
	pct := int32(40)
	cfg.Scheduler.PercentageOfNodesToScore = &pct
	cfg.Disable = []string{components.Prometheus}
	cfg.Binaries = nil
	dir := Dir(e.home, "saved")
	mkdir(t, dir)
	if err := saveYAML(filepath.Join(dir, configFile), &cfg); err != nil {
		t.Fatal(err)
	}
	got, err := e.m.Config("saved")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, cfg) {
		t.Errorf("loaded config:\n%+v\nwant:\n%+v", *got, cfg)
	}
	if got.Enabled(components.Prometheus) || !got.Enabled(components.Simulator) {
		t.Errorf("Enabled: prometheus %v, simulator %v; want false, true", got.Enabled(components.Prometheus), got.Enabled(components.Simulator))
	}
}

func TestDamagedConfig(t *testing.T) {
	e := newTestEnv(t, true)
	dir := Dir(e.home, "damaged")
	mkdir(t, dir)
	writeFile(t, filepath.Join(dir, configFile), "name: [unclosed\n")
	_, err := e.m.Config("damaged")
	if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "delete the cluster") {
		t.Fatalf("Config of a damaged kmctl.yaml = %v, want a damaged error telling to delete the cluster", err)
	}
	st, err := e.m.Status(context.Background(), "damaged")
	if err != nil || st.State != "incomplete" {
		t.Errorf("Status of a damaged cluster = %+v, %v; want incomplete, nil", st, err)
	}
}

func TestLeaseRenewFraction(t *testing.T) {
	for grace, want := range map[time.Duration]float64{
		10 * time.Second: 0.5, 40 * time.Second: 0.5, 4 * time.Minute: 0.5,
		5 * time.Minute: 0.75, 20 * time.Minute: 0.75, DefaultNodeMonitorGracePeriod: 0.75,
	} {
		if got := LeaseRenewFraction(grace); got != want {
			t.Errorf("LeaseRenewFraction(%s) = %v, want %v", grace, got, want)
		}
		// The renewal, even at its latest (no jitter), leaves at least a
		// quarter of the grace period for retries.
		if margin := grace - time.Duration(float64(grace)*LeaseRenewFraction(grace)); margin < grace/4 {
			t.Errorf("grace %s leaves only %s after the renewal", grace, margin)
		}
	}
}
