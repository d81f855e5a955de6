package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kmctl/kmctl/components"
)

// OneComponent accepts exactly one argument, a component's name, and says
// which names there are when it is missing or more are given.
func OneComponent(c *cobra.Command, args []string) error {
	if len(args) == 1 {
		return nil
	}
	return fmt.Errorf("%s takes one component name, one of %s; got %d arguments",
		c.CommandPath(), strings.Join(components.Order, ", "), len(args))
}
