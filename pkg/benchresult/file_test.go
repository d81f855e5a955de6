package benchresult_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kmctl/kmctl/pkg/benchresult"
	"github.com/kmctl/kmctl/pkg/benchresult/benchresulttest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

const golden = "testdata/result.golden.json"

// TestGolden holds the schema: a result with every field set writes the
// golden file byte for byte, and reads back equal.
func TestGolden(t *testing.T) {
	want := benchresulttest.Full()
	path := filepath.Join(t.TempDir(), benchresult.FileName)
	if err := want.Write(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantBytes, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, wantBytes) {
		t.Errorf("result.json differs from %s (go test -update rewrites it if the change is meant):\n%s", golden, got)
	}
	back, err := benchresult.Read(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("read back a different result:\n got %+v\nwant %+v", back, want)
	}
}

// TestFixtureSetsEveryField keeps the golden file complete: every field of
// every schema type is set (non-zero) somewhere in the fixture.
func TestFixtureSetsEveryField(t *testing.T) {
	seen := map[string]bool{}
	walkFields(reflect.ValueOf(benchresulttest.Full()), seen)
	for field, set := range seen {
		if !set {
			t.Errorf("%s is never set in benchresulttest.Full; set it so the golden file covers it", field)
		}
	}
}

// walkFields records, for every field of a benchresult struct reached from
// v, whether any instance of it is non-zero.
func walkFields(v reflect.Value, seen map[string]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkFields(v.Elem(), seen)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkFields(v.Index(i), seen)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkFields(v.MapIndex(k), seen)
		}
	case reflect.Struct:
		if v.Type().PkgPath() != reflect.TypeOf(benchresult.Result{}).PkgPath() {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			name := v.Type().Name() + "." + v.Type().Field(i).Name
			seen[name] = seen[name] || !v.Field(i).IsZero()
			walkFields(v.Field(i), seen)
		}
	}
}

func TestReadRefuses(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"not json", "hello", "is not a kmctl bench result"},
		{"other kind", `{"apiVersion":"v1","kind":"Pod"}`, `is not a kmctl bench result (kind "Pod", want "BenchResult")`},
		{"no kind", `{"metadata":{}}`, `is not a kmctl bench result (kind ""`},
		{"newer schema", `{"apiVersion":"kmctl.dev/v1beta1","kind":"BenchResult"}`, `has result schema "kmctl.dev/v1beta1", and this kmctl reads "kmctl.dev/v1alpha1"`},
		{"bad field", `{"apiVersion":"kmctl.dev/v1alpha1","kind":"BenchResult","ops":[{"took":"1s"}]}`, "is not a valid kmctl.dev/v1alpha1 BenchResult"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "result.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := benchresult.Read(path)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Read: %v, want an error naming %s and containing %q", err, path, tt.want)
			}
		})
	}
}

func TestReadMissing(t *testing.T) {
	_, err := benchresult.Read(filepath.Join(t.TempDir(), "none.json"))
	if err == nil || !strings.Contains(err.Error(), "none.json") {
		t.Errorf("Read of a missing file: %v, want an error naming it", err)
	}
}

func TestWriteReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, benchresult.FileName)
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := benchresulttest.Full()
	if err := r.Write(path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("dir holds %d entries after Write, want only %s", len(entries), benchresult.FileName)
	}
	if _, err := benchresult.Read(path); err != nil {
		t.Error(err)
	}
}

func TestWriteRefusesNaN(t *testing.T) {
	r := benchresulttest.Full()
	r.MeasuringCost.CoreShare = nan()
	path := filepath.Join(t.TempDir(), benchresult.FileName)
	if err := r.Write(path); err == nil {
		t.Fatal("Write of a NaN figure succeeded; JSON has no NaN number")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a failed Write left a file behind")
	}
}

func nan() float64 {
	var v benchresult.Float
	_ = json.Unmarshal([]byte(`"NaN"`), &v)
	return float64(v)
}
