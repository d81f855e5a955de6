package docker

import (
	"context"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/components"
	"github.com/kmctl/kmctl/pkg/runtime"
)

func TestEnsureImageReusesBuiltImage(t *testing.T) {
	needDocker(t)
	ctx := context.Background()
	bin := tinyBinary(t)
	ref, _, err := EnsureImage(ctx, "", bin, "/usr/local/bin/tiny", nil)
	if err != nil {
		t.Fatal(err)
	}
	tag, _ := binaryTag(bin)
	if ref != "kmctl.local/tiny:"+tag {
		t.Errorf("ref = %q, want kmctl.local/tiny:%s", ref, tag)
	}
	again, built, err := EnsureImage(ctx, "registry.invalid/kmctl/tiny:none", bin, "/usr/local/bin/tiny", nil)
	if err != nil || built || again != ref {
		t.Errorf("second EnsureImage = %q, built %v, %v; want %q reused", again, built, err, ref)
	}
	cli, _ := newClient()
	defer cli.Close()
	img, err := cli.ImageInspect(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if img.Config == nil || img.Config.Labels[LabelBuilt] != "true" || strings.Join(img.Config.Entrypoint, " ") != "/usr/local/bin/tiny" {
		t.Errorf("image config = %+v, want label %s=true and entrypoint /usr/local/bin/tiny", img.Config, LabelBuilt)
	}
}

func TestEnsureImageRefusesDynamicBinary(t *testing.T) {
	_, _, err := EnsureImage(context.Background(), "", "/bin/sh", "/bin/sh", nil)
	if err == nil {
		t.Skip("/bin/sh is static here")
	}
	if !strings.Contains(err.Error(), "CGO_ENABLED=0") {
		t.Errorf("error %q does not say how to fix it", err)
	}
}

func TestWhyExplainsAnExit(t *testing.T) {
	needDocker(t)
	ctx := context.Background()
	cluster := testCluster(t)
	rt, err := New(cluster, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	c := components.Component{Name: "quitter", Binary: tinyBinary(t), ImageBinary: "/usr/local/bin/tiny", Args: []string{"exit"}}
	if why := rt.Why(c); !strings.Contains(why, "does not exist") {
		t.Errorf("Why before start = %q", why)
	}
	if err := rt.Start(ctx, c); err != nil {
		t.Fatal(err)
	}
	waitState(t, rt, c, runtime.Stopped)
	if why := rt.Why(c); !strings.Contains(why, "exit code 3") {
		t.Errorf("Why = %q, want the exit code", why)
	}
	if tail := rt.LogTail(c, 5); !strings.Contains(tail, "exiting on purpose") {
		t.Errorf("LogTail = %q", tail)
	}
}

// removeTestImage removes an image the test built, unless a container uses it.
func removeTestImage(t *testing.T, ref string) {
	cli, err := newClient()
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	if err := removeImage(context.Background(), cli, ref, nil); err != nil {
		t.Error(err)
	}
}
