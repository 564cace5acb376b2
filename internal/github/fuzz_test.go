package github

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

// FuzzExtract unpacks arbitrary archives: nothing may land outside the
// folder, no listed file may leave it, and the caps hold.
func FuzzExtract(f *testing.F) {
	const top = "o-r-abc1234/"
	f.Add(githubtest.Tarball(f,
		githubtest.Entry{Name: top, Type: tar.TypeDir},
		githubtest.Entry{Name: top + "app.py", Body: "print(1)\n"},
		githubtest.Entry{Name: top + "p", Type: tar.TypeSymlink, Linkname: "."},
		githubtest.Entry{Name: top + "d", Type: tar.TypeSymlink, Linkname: "p/p/.."},
		githubtest.Entry{Name: top + "d/x", Body: "x"},
		githubtest.Entry{Name: top + "h", Type: tar.TypeLink, Linkname: top + "app.py"},
		githubtest.Entry{Name: top + "../out", Body: "x"},
	))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	lim := Limits{MaxTotal: 1 << 20, MaxFile: 256 << 10, MaxEntries: 200, MaxStream: 4 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "repo")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		x, err := extract(bytes.NewReader(data), dir, lim)
		if entries, _ := os.ReadDir(parent); len(entries) != 1 {
			t.Fatalf("something was written beside the folder: %v", entries)
		}
		if err != nil {
			return
		}
		for _, file := range x.Files {
			if strings.HasPrefix(file.Path, "../") || strings.HasPrefix(file.Path, "/") || file.Path == ".." {
				t.Fatalf("listed path %q leaves the folder", file.Path)
			}
		}
		if len(x.Files) > lim.MaxEntries {
			t.Fatalf("%d files listed, over the cap of %d entries", len(x.Files), lim.MaxEntries)
		}
	})
}
