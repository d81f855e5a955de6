package benchhtml

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/kmctl/kmctl/pkg/benchhtml/benchhtmltest"
	"github.com/kmctl/kmctl/pkg/benchresult"
)

// svgIDs parses a page and returns the ids of its <svg> elements, and every
// src or href it holds.
func svgIDs(t *testing.T, page []byte) (ids map[string]bool, refs []string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	ids = map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case n.Data == "svg" && a.Key == "id":
					ids[a.Val] = true
				case a.Key == "src" || a.Key == "href" || a.Key == "xlink:href":
					refs = append(refs, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return ids, refs
}

func TestEveryChartIsDrawnAndNothingIsFetched(t *testing.T) {
	r := benchhtmltest.Run{Nodes: 5000, Pods: 5000, BindRate: 200, Seed: 1}.Result()
	r.Params["hostile"] = "<script>alert(1)</script>"
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	page := buf.Bytes()
	ids, refs := svgIDs(t, page)
	for _, kind := range ChartKinds() {
		if id := ChartID(1, kind); !ids[id] {
			t.Errorf("no <svg id=%q> in the report", id)
		}
	}
	for _, ref := range refs {
		if strings.Contains(ref, "://") {
			t.Errorf("the report refers to %q: it must render offline", ref)
		}
	}
	if bytes.Contains(page, []byte("<script>alert(1)</script>")) {
		t.Error("a param value went into the page unescaped")
	}
	if n := len(page); n > 1<<20 {
		t.Errorf("the report of a 5000-pod run is %d bytes, want under 1 MiB", n)
	}
}

func TestAResultWithoutMeasuredOps(t *testing.T) {
	r := &benchresult.Result{APIVersion: benchresult.APIVersion, Kind: benchresult.Kind, Workload: "W",
		Ops: []benchresult.Op{{Index: 0, Op: "createNodes", Name: "nodes"}}, Error: "op nodes: interrupted"}
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	ids, _ := svgIDs(t, buf.Bytes())
	if len(ids) != 0 || !bytes.Contains(buf.Bytes(), []byte("op nodes: interrupted")) || !bytes.Contains(buf.Bytes(), []byte(`id="no-measured-ops"`)) {
		t.Errorf("a run stopped early: %d charts, page:\n%.500s", len(ids), buf.String())
	}
}
