package docker

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"time"

	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"
)

// builtRepo is the repository prefix of the images kmctl builds.
const builtRepo = "kmctl.local/"

// tarTime is the modification time of every entry of a built image, so that
// the same binary always yields the same layer.
var tarTime = time.Unix(0, 0).UTC()

// builtRef is the reference of an image built with the executable at
// imageBinary: kmctl.local/<basename>:<tag>.
func builtRef(imageBinary, tag string) string {
	base := strings.Map(func(r rune) rune {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '-'
	}, strings.ToLower(path.Base(imageBinary)))
	return builtRepo + strings.Trim(base, "-_.") + ":" + tag
}

// binaryTag derives an image tag from a binary's content: the first 12 hex
// digits of its sha256.
func binaryTag(hostBinary string) (string, error) {
	f, err := os.Open(hostBinary)
	if err != nil {
		return "", fmt.Errorf("cannot read the binary to build an image from: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("failed to read %s: %w", hostBinary, err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// buildImage imports an image made of just the static binary hostBinary at
// imageBinary and an empty /tmp, tagged ref and labelled LabelBuilt.
func buildImage(ctx context.Context, cli *client.Client, ref, hostBinary, imageBinary string) error {
	if err := IsStatic(hostBinary); err != nil {
		return err
	}
	f, err := os.Open(hostBinary)
	if err != nil {
		return fmt.Errorf("cannot read %s to build %s: %w", hostBinary, ref, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot stat %s: %w", hostBinary, err)
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeImageTar(pw, imageBinary, f, info.Size())) }()
	defer pr.Close()
	body, err := cli.ImageImport(ctx, image.ImportSource{Source: pr, SourceName: "-"}, ref,
		image.ImportOptions{Changes: importChanges(imageBinary), Message: "built by kmctl from " + hostBinary})
	if err != nil {
		return fmt.Errorf("failed to import %s as image %s: %w", hostBinary, ref, err)
	}
	defer body.Close()
	if _, err := lastStatus(body); err != nil {
		return fmt.Errorf("failed to import %s as image %s: %w", hostBinary, ref, err)
	}
	return nil
}

// importChanges are the Dockerfile instructions applied to a built image.
func importChanges(imageBinary string) []string {
	entrypoint, _ := json.Marshal([]string{imageBinary})
	return []string{
		"ENTRYPOINT " + string(entrypoint),
		"WORKDIR /",
		"LABEL " + LabelBuilt + "=true",
	}
}

// writeImageTar writes the root filesystem of a built image to w: the parent
// directories of imageBinary (0755), the binary itself (0755, size bytes read
// from bin) and an empty /tmp (1777).
func writeImageTar(w io.Writer, imageBinary string, bin io.Reader, size int64) error {
	name := strings.TrimPrefix(path.Clean("/"+imageBinary), "/")
	if name == "" || name == "tmp" {
		return fmt.Errorf("cannot place the binary at %q in an image: give a file path such as /usr/local/bin/name", imageBinary)
	}
	tw := tar.NewWriter(w)
	for _, d := range imageDirs(name) {
		if err := tw.WriteHeader(dirHeader(d)); err != nil {
			return err
		}
	}
	hdr := &tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o755, Size: size, ModTime: tarTime, Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	if _, err := io.CopyN(tw, bin, size); err != nil {
		return fmt.Errorf("failed to copy the binary into the image: %w", err)
	}
	return tw.Close()
}

// imageDirs lists the directories of a built image: the binary's parents and tmp.
func imageDirs(name string) []string {
	dirs := parentDirs(name)
	for _, d := range dirs {
		if d == "tmp" {
			return dirs
		}
	}
	return append(dirs, "tmp")
}

// parentDirs lists the directories above a relative path, outermost first:
// usr/local/bin/x -> usr/, usr/local/, usr/local/bin/.
func parentDirs(name string) []string {
	var dirs []string
	for d := path.Dir(name); d != "."; d = path.Dir(d) {
		dirs = append([]string{d}, dirs...)
	}
	return dirs
}

// dirHeader is the tar header of a directory: 0755, or 1777 for tmp.
func dirHeader(name string) *tar.Header {
	mode := int64(0o755)
	if name == "tmp" {
		mode = 0o1777
	}
	return &tar.Header{Name: name + "/", Typeflag: tar.TypeDir, Mode: mode, ModTime: tarTime, Format: tar.FormatPAX}
}
