package github

import (
	"archive/tar"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/github/githubtest"
	"github.com/vetfolio/vetfolio/internal/source"
)

// A folder symlink that is inside the repository while files are written
// through it, then replaced by one that only looks inside (p -> ., so
// p/p/p/.. is the folder above the repository): reading the listed files
// must never reach the file beside the repository.
func TestExtractRefusesFilesThroughAReplacedFolderSymlink(t *testing.T) {
	const top = "o-r-abc1234/"
	data := githubtest.Tarball(t,
		githubtest.Entry{Name: top, Type: tar.TypeDir},
		githubtest.Entry{Name: top + "p", Type: tar.TypeSymlink, Linkname: "."},
		githubtest.Entry{Name: top + "real/", Type: tar.TypeDir},
		githubtest.Entry{Name: top + "d", Type: tar.TypeSymlink, Linkname: "real"},
		githubtest.Entry{Name: top + "d/secret.txt", Body: "inside\n"},
		githubtest.Entry{Name: top + "d/sub/", Type: tar.TypeDir},
		githubtest.Entry{Name: top + "d/hard", Type: tar.TypeLink, Linkname: top + "app.py"},
		githubtest.Entry{Name: top + "app.py", Body: "print(1)\n"},
		githubtest.Entry{Name: top + "d", Type: tar.TypeSymlink, Linkname: "p/p/p/.."},
		githubtest.Entry{Name: top + "e", Type: tar.TypeSymlink, Linkname: "p/p/p/.."},
	)
	x, dir, parent, err := extractInto(t, data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("OUTSIDE\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	snap := &source.Snapshot{Kind: "github", Dir: dir, Files: x.Files}
	defer snap.Close()
	var paths []string
	for _, f := range x.Files {
		paths = append(paths, f.Path)
		data, err := snap.ReadEntry(f, 1<<20)
		if err == nil && strings.Contains(string(data), "OUTSIDE") {
			t.Errorf("%s read the file beside the repository", f.Path)
		}
	}
	for _, p := range paths {
		if strings.HasPrefix(p, "d/") {
			t.Errorf("%s was written through a folder symlink: %v", p, paths)
		}
	}
	if !strings.Contains(strings.Join(x.Notes, "\n"), "would land outside") {
		t.Errorf("notes do not say entries were refused: %q", x.Notes)
	}
}
