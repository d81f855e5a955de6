package list

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/cmd"
)

func TestList(t *testing.T) {
	for format, want := range map[string]string{
		"":     "nodes=500 initPods=500 pods=1000",
		"name": "SchedulingBacklog\n",
		"json": `"name": "PreemptionBasic"`,
		"yaml": "name: TopologySpreading",
	} {
		var out bytes.Buffer
		c := NewCommand(&cmd.Globals{Out: &out, ErrOut: &out})
		c.SetArgs([]string{"-o", format})
		if format == "" {
			c.SetArgs(nil)
		}
		if err := c.Execute(); err != nil {
			t.Fatalf("-o %q: %v", format, err)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("-o %q printed:\n%s\nwant %q in it", format, out.String(), want)
		}
	}
	c := NewCommand(&cmd.Globals{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	c.SetArgs([]string{"-o", "wide"})
	if err := c.Execute(); err == nil || !strings.Contains(err.Error(), "want name, json or yaml") {
		t.Errorf("-o wide: %v", err)
	}
}
