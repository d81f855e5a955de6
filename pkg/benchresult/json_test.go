package benchresult

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestDurationJSON(t *testing.T) {
	tests := []struct {
		d    time.Duration
		json string
	}{
		{0, "0"},
		{1500 * time.Millisecond, "1.5"},
		{time.Microsecond, "0.000001"},
		{90 * time.Minute, "5400"},
	}
	for _, tt := range tests {
		got, err := json.Marshal(Duration(tt.d))
		if err != nil || string(got) != tt.json {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.d, got, err, tt.json)
		}
		var back Duration
		if err := json.Unmarshal(got, &back); err != nil || time.Duration(back) != tt.d {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", got, time.Duration(back), err, tt.d)
		}
	}
	var d Duration
	if err := json.Unmarshal([]byte(`"1s"`), &d); err == nil {
		t.Error(`Unmarshal("1s") succeeded; a duration is a number of seconds`)
	}
}

func TestFloatJSON(t *testing.T) {
	tests := []struct {
		f    float64
		json string
	}{
		{0.25, "0.25"},
		{1e-9, "1e-09"},
		{math.Inf(1), `"+Inf"`},
		{math.Inf(-1), `"-Inf"`},
		{math.NaN(), `"NaN"`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(Float(tt.f))
		if err != nil || string(got) != tt.json {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.f, got, err, tt.json)
		}
		var back Float
		if err := json.Unmarshal(got, &back); err != nil || !same(float64(back), tt.f) {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", got, back, err, tt.f)
		}
	}
	for _, in := range []string{`"0.5"`, `"Inf"`, `5`} {
		var f Float
		if err := json.Unmarshal([]byte(in), &f); err != nil {
			t.Errorf("Unmarshal(%s): %v", in, err)
		}
	}
	for _, in := range []string{`"many"`, `true`, `{}`} {
		var f Float
		if err := json.Unmarshal([]byte(in), &f); err == nil {
			t.Errorf("Unmarshal(%s) succeeded, want an error", in)
		}
	}
}

func same(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}
