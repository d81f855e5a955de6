package benchhtml

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parsed is a rendered page and the elements a test looks for.
type parsed struct {
	raw  string
	svgs []*html.Node
	all  []*html.Node
}

// parsePage parses a page as a browser would and collects its elements.
func parsePage(t *testing.T, page []byte) parsed {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("the report does not parse as HTML: %v", err)
	}
	p := parsed{raw: string(page)}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			p.all = append(p.all, n)
			if n.Data == "svg" {
				p.svgs = append(p.svgs, n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// svgIDs maps each <svg>'s id to its data-chart.
func (p parsed) svgIDs() map[string]string {
	ids := map[string]string{}
	for _, s := range p.svgs {
		ids[attr(s, "id")] = attr(s, "data-chart")
	}
	return ids
}

// fetching are the elements that make a browser load something.
var fetching = map[string]bool{"script": true, "link": true, "img": true, "iframe": true, "object": true,
	"embed": true, "image": true, "use": true, "video": true, "audio": true, "source": true}

// checkOffline fails on anything that would reach the network: an element
// that loads a resource, an attribute naming a URL, CSS that imports or
// loads one.
func checkOffline(t *testing.T, p parsed) {
	t.Helper()
	for _, n := range p.all {
		if fetching[n.Data] {
			t.Errorf("the report has a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if strings.Contains(a.Val, "://") || strings.Contains(a.Val, "url(") {
				t.Errorf("<%s %s=%q> refers to a resource", n.Data, a.Key, a.Val)
			}
		}
		if n.Data == "style" && n.FirstChild != nil {
			css := n.FirstChild.Data
			if strings.Contains(css, "url(") || strings.Contains(css, "@import") || strings.Contains(css, "://") {
				t.Errorf("the report's CSS loads a resource: %s", css)
			}
		}
	}
}
