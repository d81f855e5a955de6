package benchresult

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
)

// MarshalJSON writes d as seconds, so that result files read the same in any
// language.
func (d Duration) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, time.Duration(d).Seconds(), 'f', -1, 64), nil
}

// UnmarshalJSON reads seconds, rounded to the nanosecond.
func (d *Duration) UnmarshalJSON(data []byte) error {
	var s float64
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("a duration is a number of seconds, not %s", data)
	}
	*d = Duration(math.Round(s * float64(time.Second)))
	return nil
}

// MarshalJSON writes a finite f as a number and +Inf, -Inf and NaN, which
// JSON has no number for, as the strings Prometheus uses.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsInf(v, 1):
		return []byte(`"+Inf"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Inf"`), nil
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// UnmarshalJSON reads a number, or a string holding one ("+Inf", "NaN",
// "0.5").
func (f *Float) UnmarshalJSON(data []byte) error {
	if bytes.HasPrefix(data, []byte(`"`)) {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("%s is not a number", data)
		}
		*f = Float(v)
		return nil
	}
	var v float64
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("%s is not a number", data)
	}
	*f = Float(v)
	return nil
}
