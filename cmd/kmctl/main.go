// Command kmctl stands up simulated Kubernetes clusters for control-plane load tests.
package main

import (
	"os"

	"github.com/kmctl/kmctl/pkg/cmd/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:]))
}
