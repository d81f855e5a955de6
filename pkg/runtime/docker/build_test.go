package docker

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteImageTar(t *testing.T) {
	content := []byte("\x7fELF pretend binary")
	var buf bytes.Buffer
	if err := writeImageTar(&buf, "/usr/local/bin/kube-apiserver", bytes.NewReader(content), int64(len(content))); err != nil {
		t.Fatal(err)
	}
	type entry struct {
		mode int64
		dir  bool
		body string
	}
	got := map[string]entry{}
	var order []string
	tr := tar.NewReader(&buf)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(tr)
		got[hdr.Name] = entry{mode: hdr.Mode, dir: hdr.Typeflag == tar.TypeDir, body: string(body)}
		order = append(order, hdr.Name)
	}
	want := map[string]entry{
		"usr/":                         {mode: 0o755, dir: true},
		"usr/local/":                   {mode: 0o755, dir: true},
		"usr/local/bin/":               {mode: 0o755, dir: true},
		"tmp/":                         {mode: 0o1777, dir: true},
		"usr/local/bin/kube-apiserver": {mode: 0o755, body: string(content)},
	}
	if len(got) != len(want) {
		t.Errorf("entries = %v, want %d entries", order, len(want))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || g != w {
			t.Errorf("%s = %+v (present %v), want %+v", name, g, ok, w)
		}
	}
	if order[0] != "usr/" {
		t.Errorf("parents must come first, got order %v", order)
	}
}

func TestWriteImageTarRejectsBadPaths(t *testing.T) {
	for _, p := range []string{"", "/", "/tmp"} {
		if err := writeImageTar(io.Discard, p, strings.NewReader(""), 0); err == nil {
			t.Errorf("writeImageTar accepted %q", p)
		}
	}
}

func TestImageDirsInTmp(t *testing.T) {
	got := imageDirs("tmp/x")
	if len(got) != 1 || got[0] != "tmp" {
		t.Errorf("imageDirs(tmp/x) = %v, want [tmp]", got)
	}
}

func TestBinaryTag(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	_ = os.WriteFile(a, []byte("one"), 0o755)
	_ = os.WriteFile(b, []byte("two"), 0o755)
	ta, err := binaryTag(a)
	if err != nil {
		t.Fatal(err)
	}
	// sha256("one") = 7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed
	if ta != "7692c3ad3540" {
		t.Errorf("tag = %q, want 7692c3ad3540", ta)
	}
	if tb, _ := binaryTag(b); tb == ta {
		t.Error("different binaries got the same tag")
	}
	if _, err := binaryTag(filepath.Join(dir, "missing")); err == nil {
		t.Error("no error for a missing binary")
	}
}

func TestBuiltRef(t *testing.T) {
	cases := map[string]string{
		"/usr/local/bin/kube-apiserver": "kmctl.local/kube-apiserver:0123456789ab",
		"/bin/prometheus":               "kmctl.local/prometheus:0123456789ab",
		"/usr/local/bin/My+Tool":        "kmctl.local/my-tool:0123456789ab",
	}
	for in, want := range cases {
		if got := builtRef(in, "0123456789ab"); got != want {
			t.Errorf("builtRef(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestImportChanges(t *testing.T) {
	got := strings.Join(importChanges("/bin/prometheus"), "\n")
	for _, want := range []string{`ENTRYPOINT ["/bin/prometheus"]`, "LABEL kmctl.dev/built=true"} {
		if !strings.Contains(got, want) {
			t.Errorf("changes %q lack %q", got, want)
		}
	}
}

func TestLastStatus(t *testing.T) {
	ok := `{"status":"Pulling"}` + "\n" + `{"status":"sha256:abc"}`
	if s, err := lastStatus(strings.NewReader(ok)); err != nil || s != "sha256:abc" {
		t.Errorf("lastStatus = %q, %v", s, err)
	}
	bad := `{"status":"Pulling"}{"errorDetail":{"message":"no route to host"},"error":"no route to host"}`
	if _, err := lastStatus(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "no route") {
		t.Errorf("lastStatus error = %v, want no route to host", err)
	}
}

func TestIsStatic(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err == nil {
		err := IsStatic("/bin/sh")
		if err == nil {
			t.Log("/bin/sh is static here")
		} else if !strings.Contains(err.Error(), "CGO_ENABLED=0") {
			t.Errorf("IsStatic(/bin/sh) error %q does not say how to fix it", err)
		}
	}
	notELF := filepath.Join(t.TempDir(), "script")
	_ = os.WriteFile(notELF, []byte("#!/bin/sh\n"), 0o755)
	if err := IsStatic(notELF); err == nil {
		t.Error("IsStatic accepted a shell script")
	}
	if err := IsStatic(tinyBinary(t)); err != nil {
		t.Errorf("IsStatic(static Go binary) = %v", err)
	}
}
