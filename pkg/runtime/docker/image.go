package docker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"
)

// pullTimeout bounds a pull attempt: offline, it should fail fast.
const pullTimeout = 20 * time.Second

// EnsureImage makes an image usable and returns the reference to run:
//
//   - image, when the daemon has it;
//   - the image already built from hostBinary, when there is one (so an
//     offline machine does not retry the pull at every start);
//   - image, when a pull succeeds within 20s (any failure counts as offline);
//   - else a local image built from the static binary hostBinary, placed at
//     imageBinary in an otherwise empty image.
//
// built reports whether this call built the image; progress goes to out.
func EnsureImage(ctx context.Context, image, hostBinary, imageBinary string, out io.Writer) (ref string, built bool, err error) {
	if out == nil {
		out = io.Discard
	}
	cli, err := newClient()
	if err != nil {
		return "", false, err
	}
	defer cli.Close()
	if image != "" && imageExists(ctx, cli, image) {
		return image, false, nil
	}
	local, localErr := localRef(hostBinary, imageBinary)
	if localErr == nil && imageExists(ctx, cli, local) {
		return local, false, nil
	}
	if image != "" && tryPull(ctx, cli, image, out) {
		return image, false, nil
	}
	if localErr != nil && image == "" {
		return "", false, fmt.Errorf("no image is set and none can be built: %w", localErr)
	}
	if localErr != nil {
		return "", false, fmt.Errorf("image %s is absent and cannot be pulled, and no image can be built instead: %w", image, localErr)
	}
	if err := buildImage(ctx, cli, local, hostBinary, imageBinary); err != nil {
		return "", false, err
	}
	return local, true, nil
}

// tryPull pulls an image, saying on out why it could not.
func tryPull(ctx context.Context, cli *client.Client, ref string, out io.Writer) bool {
	if err := pullImage(ctx, cli, ref, out); err != nil {
		fmt.Fprintf(out, "cannot pull %s (offline?): %v\n", ref, err)
		return false
	}
	return true
}

// localRef is the reference of the image built from hostBinary.
func localRef(hostBinary, imageBinary string) (string, error) {
	if hostBinary == "" {
		return "", errors.New("no host binary is configured to build an image from")
	}
	if imageBinary == "" {
		return "", errors.New("the executable's path inside the image is not set")
	}
	tag, err := binaryTag(hostBinary)
	if err != nil {
		return "", err
	}
	return builtRef(imageBinary, tag), nil
}

// imageExists reports whether the daemon has the image.
func imageExists(ctx context.Context, cli *client.Client, ref string) bool {
	_, err := cli.ImageInspect(ctx, ref)
	return err == nil
}

// pullImage pulls an image, giving up after pullTimeout.
func pullImage(ctx context.Context, cli *client.Client, ref string, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, pullTimeout)
	defer cancel()
	fmt.Fprintf(out, "pulling %s...\n", ref)
	body, err := cli.ImagePull(ctx, ref, image.PullOptions{})
	if err != nil {
		return err
	}
	defer body.Close()
	_, err = lastStatus(body)
	return err
}

// streamMessage is one JSON message of a pull or import progress stream.
type streamMessage struct {
	Status      string `json:"status"`
	Error       string `json:"error"`
	ErrorDetail *struct {
		Message string `json:"message"`
	} `json:"errorDetail"`
}

// lastStatus consumes a progress stream and returns its last status (the
// image ID, for an import) or the error it reports.
func lastStatus(r io.Reader) (string, error) {
	dec := json.NewDecoder(r)
	status := ""
	for {
		var m streamMessage
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			return status, nil
		}
		if err != nil {
			return status, fmt.Errorf("failed to read the daemon's progress: %w", err)
		}
		if m.ErrorDetail != nil && m.ErrorDetail.Message != "" {
			return status, errors.New(m.ErrorDetail.Message)
		}
		if m.Error != "" {
			return status, errors.New(m.Error)
		}
		if m.Status != "" {
			status = m.Status
		}
	}
}

// pruneBuiltImages removes those of the images ids that kmctl built, except
// the ones a container (of any cluster) still uses.
func pruneBuiltImages(ctx context.Context, cli *client.Client, ids []string) error {
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		img, err := cli.ImageInspect(ctx, id)
		if err != nil || img.Config == nil || img.Config.Labels[LabelBuilt] != "true" {
			continue
		}
		if err := removeImage(ctx, cli, img.ID, img.RepoTags); err != nil {
			return err
		}
	}
	return nil
}

// removeImage untags an image until it is gone; images in use are kept.
func removeImage(ctx context.Context, cli *client.Client, id string, tags []string) error {
	if len(tags) == 0 {
		tags = []string{id}
	}
	for _, ref := range tags {
		_, err := cli.ImageRemove(ctx, ref, image.RemoveOptions{PruneChildren: true})
		if err != nil && !cerrdefs.IsNotFound(err) && !cerrdefs.IsConflict(err) {
			return fmt.Errorf("failed to remove image %s: %w", ref, err)
		}
	}
	return nil
}
