package docker

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// tinySource is a static test program: "tiny <port> <file to write> <file
// that must not be writable>" prints a few lines and answers 200 on
// /healthz; "tiny exit" exits with code 3. Each test run builds it with a
// random main.id, so that concurrent runs get distinct images.
const tinySource = `package main

import (
	"fmt"
	"net/http"
	"os"
)

var id string

func main() {
	fmt.Println("tiny: build", id)
	if len(os.Args) < 2 || os.Args[1] == "exit" {
		fmt.Println("tiny: exiting on purpose")
		os.Exit(3)
	}
	fmt.Println("tiny: greeting", os.Getenv("GREETING"))
	if len(os.Args) > 2 {
		fmt.Println("tiny: write data:", os.WriteFile(os.Args[2], []byte("hello"), 0o644))
	}
	if len(os.Args) > 3 {
		fmt.Println("tiny: write work dir:", os.WriteFile(os.Args[3], []byte("nope"), 0o644))
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	fmt.Println("tiny: listening on", os.Args[1])
	if err := http.ListenAndServe(":"+os.Args[1], nil); err != nil {
		fmt.Println("tiny:", err)
		os.Exit(1)
	}
}
`

var (
	tinyOnce sync.Once
	tinyDir  string
	tinyPath string
	tinyErr  error
)

// tinyBinary builds tinySource with CGO_ENABLED=0 once per test run, or
// skips the test when the go tool is missing.
func tinyBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not installed: cannot build a static test binary")
	}
	tinyOnce.Do(func() { tinyPath, tinyErr = buildTiny(goTool) })
	if tinyErr != nil {
		t.Fatal(tinyErr)
	}
	return tinyPath
}

// buildTiny compiles tinySource into a temporary dir.
func buildTiny(goTool string) (string, error) {
	dir, err := os.MkdirTemp("", "kmctl-docker-test-")
	if err != nil {
		return "", err
	}
	tinyDir = dir
	files := map[string]string{"go.mod": "module tiny\n\ngo 1.22\n", "main.go": tinySource}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	out := filepath.Join(dir, "tiny")
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	cmd := exec.Command(goTool, "build", "-ldflags=-X main.id="+hex.EncodeToString(b), "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("failed to build the test binary: %v\n%s", err, msg)
	}
	return out, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if tinyDir != "" {
		_ = os.RemoveAll(tinyDir)
	}
	os.Exit(code)
}
