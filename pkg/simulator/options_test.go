package simulator

import (
	"math"
	"strings"
	"testing"
	"time"
)

// TestValidateNamesTheFlag checks that every option that cannot work is
// refused with the flag that sets it and what that flag takes.
func TestValidateNamesTheFlag(t *testing.T) {
	if err := DefaultOptions().Validate(); err != nil {
		t.Fatalf("the defaults: %v", err)
	}
	cases := []struct {
		name   string
		mutate func(*Options)
		want   string // in the error
	}{
		{"shard count 0", func(o *Options) { o.ShardCount = 0 }, "--shard-count must be at least 1"},
		{"negative shard count", func(o *Options) { o.ShardCount = -2 }, "--shard-count must be at least 1"},
		{"shard index past count", func(o *Options) { o.ShardIndex, o.ShardCount = 2, 2 }, "--shard-index must be in [0, 2)"},
		{"negative shard index", func(o *Options) { o.ShardIndex = -1 }, "--shard-index must be in [0, 1)"},
		{"short lease", func(o *Options) { o.LeaseDuration = time.Second }, "--node-lease-duration must be at least 2s"},
		{"negative lease", func(o *Options) { o.LeaseDuration = -40 * time.Second }, "--node-lease-duration must be at least 2s"},
		{"renew fraction 0", func(o *Options) { o.RenewFraction = 0 }, "--node-lease-renew-fraction must be in (0, 0.8], got 0"},
		{"renew fraction 0.9", func(o *Options) { o.RenewFraction = 0.9 }, "--node-lease-renew-fraction must be in (0, 0.8]"},
		{"renew fraction NaN", func(o *Options) { o.RenewFraction = math.NaN() }, "--node-lease-renew-fraction must be in (0, 0.8], got NaN"},
		{"renew fraction +Inf", func(o *Options) { o.RenewFraction = math.Inf(1) }, "--node-lease-renew-fraction must be in (0, 0.8], got +Inf"},
		{"renew fraction tiny", func(o *Options) { o.RenewFraction = 1e-9 }, "renewals are at least 500ms apart"},
		{"renew fraction -Inf", func(o *Options) { o.RenewFraction = math.Inf(-1) }, "--node-lease-renew-fraction must be in (0, 0.8], got -Inf"},
		{"short status period", func(o *Options) { o.StatusPeriod = time.Millisecond }, "--node-status-period must be at least 1s"},
		{"negative status period", func(o *Options) { o.StatusPeriod = -time.Hour }, "--node-status-period must be at least 1s"},
		{"negative running delay", func(o *Options) { o.RunningDelay = -5 * time.Second }, "--pod-running-delay must be 0 (none) or more, got -5s"},
		{"negative running jitter", func(o *Options) { o.RunningJitter = -3 * time.Second }, "--pod-running-jitter must be 0 (none) or more, got -3s"},
		{"negative job delay", func(o *Options) { o.JobCompleteDelay = -time.Hour }, "--job-complete-delay must be 0 (none) or more, got -1h0m0s"},
		{"no node workers", func(o *Options) { o.NodeWorkers = 0 }, "--node-workers must be at least 1"},
		{"no pod workers", func(o *Options) { o.PodWorkers = -1 }, "--pod-workers must be at least 1"},
		{"no lease workers", func(o *Options) { o.LeaseWorkers = 0 }, "--lease-workers must be at least 1"},
	}
	for _, c := range cases {
		o := DefaultOptions()
		c.mutate(&o)
		if err := o.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.name, err, c.want)
		}
	}
}

// TestValidOptionsAtTheBounds checks that the edges of each range are allowed.
func TestValidOptionsAtTheBounds(t *testing.T) {
	o := DefaultOptions()
	o.ShardIndex, o.ShardCount = 2, 3
	o.LeaseDuration, o.RenewFraction, o.StatusPeriod = 2*time.Second, 0.8, time.Second
	o.RunningDelay, o.RunningJitter, o.JobCompleteDelay = 0, 0, 0
	if err := o.Validate(); err != nil {
		t.Fatal(err)
	}
	if o.renewInterval() <= 0 {
		t.Fatalf("renew interval %s", o.renewInterval())
	}
}
