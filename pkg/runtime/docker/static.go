package docker

import (
	"debug/elf"
	"fmt"
	"strings"
)

// IsStatic reports whether the ELF executable at path needs no interpreter
// (dynamic loader), so it can run alone in an otherwise empty image.
func IsStatic(path string) error {
	f, err := elf.Open(path)
	if err != nil {
		return fmt.Errorf("%s is not an ELF executable, so it cannot run alone in an image: %w", path, err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type != elf.PT_INTERP {
			continue
		}
		interp := make([]byte, p.Filesz)
		_, _ = p.ReadAt(interp, 0)
		return fmt.Errorf("%s is dynamically linked (it needs %s), so it cannot run alone in an image: "+
			"build it statically; kmctl itself must be built with CGO_ENABLED=0 (make build) to run the simulator in a container",
			path, strings.TrimRight(string(interp), "\x00"))
	}
	return nil
}
