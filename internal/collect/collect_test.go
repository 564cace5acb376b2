package collect

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/source"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// recorder is a detector that remembers what it was shown.
type recorder struct {
	ext      string
	paths    []string
	contents map[string]string
	code     map[string]string
	// unclassified counts the files shown without the collector's
	// classification of their path.
	unclassified int
	finished     bool
}

func (r *recorder) Wants(p scan.PathInfo) bool { return strings.HasSuffix(p.Path, r.ext) }
func (r *recorder) Scan(f scan.File) {
	r.paths = append(r.paths, f.Path)
	if f.Info == nil || *f.Info != scan.Classify(f.Path) {
		r.unclassified++
	}
	if f.Data != nil {
		r.contents[f.Path] = string(f.Data)
		r.code[f.Path] = string(f.Source())
	}
}
func (r *recorder) Finish(*facts.Facts) { r.finished = true }

func snapshotOf(t *testing.T, files map[string]string) *source.Snapshot {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := source.Local(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { snap.Close() })
	return snap
}

func TestEveryDetectorSeesEveryPathOnceInOrderAndOnlyWantedContent(t *testing.T) {
	files := map[string]string{
		"app/main.py":             "import os  # jwt in a comment\nx = 1\n",
		"README.md":               "# hello\n",
		"big.py":                  strings.Repeat("a", MaxScanBytes+1),
		"image.py":                "PNG\x00\x01binary",
		"web/index.js":            "// TODO jwt\nconst x = 1;\n",
		"node_modules/x/index.js": "ignored",
	}
	for i := range 300 { // more files than the read-ahead window
		files[fmt.Sprintf("pkg/m%03d.py", i)] = fmt.Sprintf("v = %d\n", i)
	}
	snap := snapshotOf(t, files)
	py := &recorder{ext: ".py", contents: map[string]string{}, code: map[string]string{}}
	js := &recorder{ext: ".js", contents: map[string]string{}, code: map[string]string{}}
	f, notes, err := Collect(context.Background(), snap, Options{Detectors: []scan.Detector{py, js}})
	if err != nil {
		t.Fatal(err)
	}
	if f.Files != len(snap.Files) || len(snap.Files) != len(files)-1 {
		t.Fatalf("facts count %d files, snapshot %d, written %d (node_modules must be left out)", f.Files, len(snap.Files), len(files))
	}
	for _, r := range []*recorder{py, js} {
		if !r.finished {
			t.Fatalf("%s detector was not finished", r.ext)
		}
		if len(r.paths) != len(snap.Files) {
			t.Fatalf("%s detector saw %d paths, want %d", r.ext, len(r.paths), len(snap.Files))
		}
		if r.unclassified != 0 {
			t.Fatalf("%s detector was shown %d files without their path's classification", r.ext, r.unclassified)
		}
		for i, p := range r.paths {
			if p != snap.Files[i].Path {
				t.Fatalf("%s detector saw %s at %d, want %s (file order)", r.ext, p, i, snap.Files[i].Path)
			}
		}
	}
	if _, ok := py.contents["web/index.js"]; ok {
		t.Fatal("the .py detector was given a .js file's content")
	}
	if got := py.contents["pkg/m299.py"]; got != "v = 299\n" {
		t.Fatalf("content of pkg/m299.py = %q", got)
	}
	if _, ok := py.contents["big.py"]; ok {
		t.Fatal("a file over the scan cap was read")
	}
	if _, ok := py.contents["image.py"]; ok {
		t.Fatal("a binary file was passed as text")
	}
	if strings.Contains(py.code["app/main.py"], "jwt") || !strings.Contains(py.code["app/main.py"], "import os") {
		t.Fatalf("comments not blanked in the source view: %q", py.code["app/main.py"])
	}
	if strings.Contains(js.code["web/index.js"], "jwt") {
		t.Fatalf("comments not blanked in the JS source view: %q", js.code["web/index.js"])
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "1 files larger than") {
		t.Fatalf("notes = %q, want one about the large file", notes)
	}
	if f.History.Available || !strings.Contains(f.History.Reason, "not a git repository") {
		t.Fatalf("a plain folder's history = %+v", f.History)
	}
}

func TestCollectStopsOnACancelledContext(t *testing.T) {
	snap := snapshotOf(t, map[string]string{"a.py": "x = 1\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := Collect(ctx, snap, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestDefaultDetectorsAreFresh(t *testing.T) {
	a, b := Default(), Default()
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("Default() gave %d and %d detectors", len(a), len(b))
	}
	for i := range a {
		if a[i] == b[i] {
			t.Fatalf("detector %d is shared between two collections: concurrent audits would mix their facts", i)
		}
	}
}

// canceller cancels the audit when it sees a given file, as Ctrl-C would.
type canceller struct {
	at     string
	cancel context.CancelFunc
	seen   int
}

func (c *canceller) Wants(scan.PathInfo) bool { return true }
func (c *canceller) Scan(f scan.File) {
	c.seen++
	if f.Path == c.at {
		c.cancel()
	}
}
func (c *canceller) Finish(*facts.Facts) {}

func TestCollectStopsWhenCancelledMidScan(t *testing.T) {
	files := map[string]string{}
	for i := range 2000 {
		files[fmt.Sprintf("f%04d.py", i)] = "x = 1\n"
	}
	snap := snapshotOf(t, files)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &canceller{at: "f0100.py", cancel: cancel}
	_, _, err := Collect(ctx, snap, Options{Detectors: []scan.Detector{c}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if c.seen >= 2000 {
		t.Fatalf("the scan went on to the end (%d files) after the cancel", c.seen)
	}
}

// Far more wanted files than the read-ahead window, mixed with unwanted
// ones: each reaches the detector with its own content, in order, through
// the ring of result slots.
func TestManyFilesPassTheRingInOrder(t *testing.T) {
	files := map[string]string{}
	for i := range 500 {
		files[fmt.Sprintf("src/f%03d.py", i)] = fmt.Sprintf("x = %d\n", i)
		if i%3 == 0 {
			files[fmt.Sprintf("src/f%03d.txt", i)] = "not wanted\n"
		}
	}
	rec := &recorder{ext: ".py", contents: map[string]string{}, code: map[string]string{}}
	if _, _, err := Collect(context.Background(), snapshotOf(t, files), Options{Detectors: []scan.Detector{rec}}); err != nil {
		t.Fatal(err)
	}
	if len(rec.paths) != len(files) {
		t.Fatalf("shown %d paths, want %d", len(rec.paths), len(files))
	}
	for i := range 500 {
		p := fmt.Sprintf("src/f%03d.py", i)
		if got, want := rec.contents[p], fmt.Sprintf("x = %d\n", i); got != want {
			t.Fatalf("%s reached the detector as %q, want %q", p, got, want)
		}
	}
	for i := 1; i < len(rec.paths); i++ {
		if rec.paths[i-1] >= rec.paths[i] {
			t.Fatalf("paths out of order: %s before %s", rec.paths[i-1], rec.paths[i])
		}
	}
}
