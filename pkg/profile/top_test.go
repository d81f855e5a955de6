package profile

import (
	"testing"

	"github.com/google/pprof/profile"
)

func TestTop(t *testing.T) {
	fa := &profile.Function{ID: 1, Name: "main.leaf"}
	fb := &profile.Function{ID: 2, Name: "main.caller"}
	la := &profile.Location{ID: 1, Line: []profile.Line{{Function: fa}}}
	lb := &profile.Location{ID: 2, Line: []profile.Line{{Function: fb}}}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		Sample: []*profile.Sample{
			{Location: []*profile.Location{la, lb}, Value: []int64{3, 300}},
			{Location: []*profile.Location{lb}, Value: []int64{1, 100}},
		},
		Function: []*profile.Function{fa, fb}, Location: []*profile.Location{la, lb},
	}
	top := Top(p, 5)
	if len(top) != 2 {
		t.Fatalf("top = %+v", top)
	}
	if top[0].Function != "main.leaf" || top[0].Flat != 300e-9 || top[0].FlatPct != 75 || top[0].CumPct != 75 {
		t.Errorf("first = %+v, want main.leaf flat 300 (75%%)", top[0])
	}
	if top[1].Function != "main.caller" || top[1].Flat != 100e-9 || top[1].Cum != 400e-9 || top[1].CumPct != 100 {
		t.Errorf("second = %+v, want main.caller flat 100, cum 400 (100%%)", top[1])
	}
	if got := Top(p, 1); len(got) != 1 {
		t.Errorf("Top(1) gave %d", len(got))
	}
}
