package e2e

import (
	"context"
	"flag"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kmctl/kmctl/pkg/benchhtml"
	"github.com/kmctl/kmctl/pkg/benchhtml/benchhtmltest"
	"github.com/kmctl/kmctl/pkg/benchresult"
)

var updateReportFixture = flag.Bool("update-report-fixture", false, "write testdata/result.json anew from benchhtmltest")

// reportFixture is a SchedulingBasic result of 1000 nodes and 5000 pods,
// made by benchhtmltest.
const reportFixture = "testdata/result.json"

// TestReport renders the fixture's report.html with kmctl bench report and
// opens it in headless Chromium; it needs no cluster.
func TestReport(t *testing.T) {
	if *updateReportFixture {
		r := benchhtmltest.Run{Nodes: 1000, Pods: 5000, BindRate: 120, Seed: 1}.Result()
		if err := r.Write(reportFixture); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(reportFixture)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	dir := filepath.Join(e.home, "run")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, benchresult.FileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := e.kmctl(time.Minute, "bench", "report", dir); err != nil {
		t.Fatalf("kmctl bench report: %v\n%s", err, stderr)
	}
	report := filepath.Join(dir, benchhtml.FileName)
	if st, err := os.Stat(report); err != nil || st.Size() > 1<<20 {
		t.Fatalf("report.html: %v, want a file under 1 MiB (stat %v)", err, st)
	}
	checkReportRenders(t, e, report, measuredOp(t, readResult(t, filepath.Join(dir, benchresult.FileName))).Index)
}

// checkReportRenders opens a run's report.html in headless Chromium, offline,
// and checks that every chart of its measured op was drawn: the DOM holds
// each chart's <svg>, and the screenshot is not blank but has the charts'
// colours.
func checkReportRenders(t *testing.T, e *env, report string, opIndex int) {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("no chromium: `make chromium` installs it (%v)", err)
	}
	url := "file://" + report
	dom := runChromium(t, chromium, e, "--dump-dom", url)
	for _, kind := range benchhtml.ChartKinds() {
		if id := benchhtml.ChartID(opIndex, kind); !strings.Contains(dom, `id="`+id+`"`) {
			t.Errorf("Chromium's DOM has no chart %s", id)
		}
	}
	shot := filepath.Join(e.home, "report.png")
	runChromium(t, chromium, e, "--screenshot="+shot, "--window-size=1400,4000", url)
	checkScreenshot(t, shot)
}

func runChromium(t *testing.T, chromium string, e *env, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + filepath.Join(e.home, "chromium")}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	cmd.Env = e.environ()
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errOut.String())
	}
	return out.String()
}

// checkScreenshot wants a page with a good share of drawn pixels and
// several distinct colours (the charts' lines and bars).
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is no PNG: %v", err)
	}
	b := img.Bounds()
	drawn, total := 0, 0
	colours := map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			total++
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				drawn++
			}
			if max(r, g, bl)-min(r, g, bl) > 0x3000 { // a colour, not grey
				colours[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
			}
		}
	}
	if share := float64(drawn) / float64(total); share < 0.03 {
		t.Errorf("the screenshot is blank: %.1f%% of its pixels are drawn", 100*share)
	}
	if len(colours) < 4 {
		t.Errorf("the screenshot has %d colours; the charts draw more", len(colours))
	}
}
