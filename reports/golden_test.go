package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenRenderers are the formats under golden test; SARIF reads its rule
// docs from the fixture catalog.
func goldenRenderers() map[string]Renderer {
	return map[string]Renderer{
		"txt":         Text{},
		"verbose.txt": Text{Options: Options{Verbose: true}},
		"color.txt":   Text{Options: Options{Color: true}},
		"json":        RendererFunc(JSON),
		"md":          Markdown{},
		"sarif":       SARIF{lookup: fixtureCatalog},
		"html":        HTML{doc: fixtureDoc},
		"badge.json":  RendererFunc(Badge),
	}
}

func TestGolden(t *testing.T) {
	for name, sc := range fixtureScorecards() {
		for ext, r := range goldenRenderers() {
			t.Run(name+"."+ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := r.Render(&buf, sc); err != nil {
					t.Fatalf("render: %v", err)
				}
				checkGolden(t, filepath.Join("testdata", "golden", name+"."+ext), buf.Bytes())
			})
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./reports -update rewrites it):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line, enough to see what changed.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + itoa(i+1) + ":\n  want: " + string(w) + "\n  got:  " + string(g)
		}
	}
	return "(same lines, different bytes)"
}

func itoa(i int) string { return strconv.Itoa(i) }
