package collect

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// keeper wants every file and keeps the buffers it is shown, to compare
// them with the files once every detector is done.
type keeper struct{ data, code map[string][]byte }

func (k *keeper) Wants(scan.PathInfo) bool { return true }
func (k *keeper) Scan(f scan.File) {
	if f.Data != nil {
		k.data[f.Path], k.code[f.Path] = f.Data, f.Source()
	}
}
func (k *keeper) Finish(*facts.Facts) {}

// fixtureFiles reads an e2e fixture as the e2e tests write it out
// (dot_env is .env).
func fixtureFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		for i, part := range parts {
			if rest, ok := strings.CutPrefix(part, "dot_"); ok {
				parts[i] = "." + rest
			}
		}
		b, err := os.ReadFile(p)
		files[strings.Join(parts, "/")] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// The collector hands every detector the same buffers at once, and a
// source file without comments is one buffer, its content and its code
// (scan.Code gives data itself back). A detector that wrote into either
// would change what the others read: after an audit of every e2e
// fixture, as written and with its comments blanked (so that every
// source file takes the one-buffer path), each buffer must still hold
// its file.
func TestNoDetectorWritesIntoTheBuffersItIsShown(t *testing.T) {
	dirs, err := filepath.Glob("../e2e/testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	fixtures := 0
	for _, dir := range dirs {
		if path.Base(filepath.ToSlash(dir)) == "golden" {
			continue
		}
		fixtures++
		files := fixtureFiles(t, dir)
		blanked := map[string]string{}
		for p, body := range files {
			if scan.IsSource(p) {
				body = string(scan.Code([]byte(body), scan.SourceExts[scan.Ext(p)]))
			}
			blanked[p] = body
		}
		for variant, files := range map[string]map[string]string{"as written": files, "comments blanked": blanked} {
			k := &keeper{data: map[string][]byte{}, code: map[string][]byte{}}
			dets := append(Default(), k)
			if _, _, err := Collect(context.Background(), snapshotOf(t, files), Options{Detectors: dets}); err != nil {
				t.Fatal(err)
			}
			shared := 0
			for p, data := range k.data {
				code := k.code[p]
				if want := files[p]; string(data) != want {
					t.Errorf("%s (%s): %s changed while scanned", dir, variant, p)
				} else if want := string(scan.Code([]byte(want), scan.SourceExts[scan.Ext(p)])); scan.IsSource(p) && string(code) != want {
					t.Errorf("%s (%s): the code of %s changed while scanned", dir, variant, p)
				}
				if scan.IsSource(p) && len(data) > 0 && &data[0] == &code[0] {
					shared++
				}
			}
			if variant == "comments blanked" && shared == 0 {
				t.Errorf("%s: no source file had one buffer for content and code", dir)
			}
		}
	}
	if fixtures < 20 {
		t.Fatalf("found %d e2e fixtures, want the 27 of internal/e2e/testdata", fixtures)
	}
}
