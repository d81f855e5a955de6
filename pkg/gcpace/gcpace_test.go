package gcpace

import "testing"

func TestPercentFor(t *testing.T) {
	p := Pace{Percent: 50, Floor: 64 << 20}
	cases := []struct {
		live uint64
		want int
	}{
		{0, maxPercent},
		{1 << 10, maxPercent},
		{16 << 20, 400},
		{30 << 20, 220}, // 213.3 rounded up to a tenth of its power of ten
		{100 << 20, 64}, // 64 exactly
		{128 << 20, 50}, // the floor and the percent meet
		{500 << 20, 50}, // a large heap paces as GOGC=50
		{127 << 20, 51}, // 50.4 rounds up
	}
	for _, tc := range cases {
		if got := p.percentFor(tc.live); got != tc.want {
			t.Errorf("percentFor(%d MiB) = %d, want %d", tc.live>>20, got, tc.want)
		}
	}
}

func TestTheHeapMayGrowByTheFloorAtLeast(t *testing.T) {
	p := Pace{Percent: 50, Floor: 64 << 20}
	for live := uint64(1 << 20); live < 1<<30; live += 3 << 20 {
		growth := float64(live) * float64(p.percentFor(live)) / 100
		if growth < float64(p.Floor) {
			t.Fatalf("live %d MiB: growth %.0f MiB is under the floor", live>>20, growth/(1<<20))
		}
		if growth > 1.11*float64(p.Floor) && growth > 0.51*float64(live) && p.percentFor(live) < maxPercent {
			t.Fatalf("live %d MiB: growth %.0f MiB is more than a tenth over the floor", live>>20, growth/(1<<20))
		}
	}
}
