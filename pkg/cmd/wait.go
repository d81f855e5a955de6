package cmd

import (
	"fmt"
	"time"
)

// CheckWait refuses a --wait that no component could meet, before anything is
// started: the first component would be left running behind a "not ready"
// error.
func CheckWait(wait time.Duration) error {
	if wait <= 0 {
		return fmt.Errorf("--wait must be a positive duration such as 5m (how long each component may take to be ready), got %s", wait)
	}
	return nil
}
