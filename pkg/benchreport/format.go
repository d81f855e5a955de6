package benchreport

import (
	"fmt"
	"strconv"
)

// Seconds writes a latency in the unit that fits it (µs, ms or s), with
// about three significant digits.
func Seconds(s float64) string {
	switch {
	case s == 0:
		return "0"
	case s < 1e-3 && s > -1e-3:
		return sig(s*1e6) + "µs"
	case s < 1 && s > -1:
		return sig(s*1e3) + "ms"
	}
	return sig(s) + "s"
}

// Bytes writes a size in binary units.
func Bytes(b float64) string {
	const unit = 1024
	if b < unit {
		return fmt.Sprintf("%.0f B", b)
	}
	exp, div := 0, float64(unit)
	for n := b / unit; n >= unit && exp < 4; n /= unit {
		div *= unit
		exp++
	}
	return sig(b/div) + " " + string("KMGTP"[exp]) + "iB"
}

// Rate writes events per second with one decimal.
func Rate(r float64) string { return strconv.FormatFloat(r, 'f', 1, 64) }

// sig writes v with three significant digits for values under 1000, and
// whole above.
func sig(v float64) string {
	a := v
	if a < 0 {
		a = -a
	}
	decimals := 0
	switch {
	case a < 10:
		decimals = 2
	case a < 100:
		decimals = 1
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}
