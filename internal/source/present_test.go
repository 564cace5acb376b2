package source

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/vetfolio/vetfolio/internal/fixture"
)

// TestListingMatchesTheWorkTree checks what the folder-at-a-time listing
// keeps of what git lists, on a work tree that drifted from the index in
// every way it can: the same files, with the same Regular, as an lstat per
// file gave.
func TestListingMatchesTheWorkTree(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "lib/x.py", "outside the tree\n")
	write(t, outside, "secret.txt", "outside the tree\n")
	big := strings.Repeat("x", maxBuildFile+1)
	dir := fixture.Repo(t, "", []fixture.Commit{{When: t0, Files: map[string]string{
		"app/main.py": "app = 1\n", "app/gone.py": "x\n", "app/link.py": "x\n", "app/dir.py": "x\n",
		"app/fifo.py": "x\n", "lib/x.py": "inside\n",
		// Files of a/ before and after a subfolder's, in git's order.
		"a/a.py": "a\n", "a/b/c.py": "c\n", "a/z.py": "z\n",
		"dist/config.js": "exports.PORT = 3000;\n", "dist/big.js": big,
	}}})
	symlink := func(target, name string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skip("symlinks not supported:", err)
		}
	}
	// Tracked symlinks: one to a file of the tree, one in build output.
	symlink("a/a.py", "docs.md")
	symlink("config.js", "dist/link.js")
	fixture.Git(t, dir, "add", "docs.md", "dist/link.js")
	// A submodule: a gitlink in the index, a folder in the work tree.
	head := fixture.Git(t, dir, "rev-parse", "HEAD")
	fixture.Git(t, dir, "update-index", "--add", "--cacheinfo", "160000,"+head+",sub")
	fixture.Git(t, dir, "commit", "-qm", "Add links and a submodule")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}

	// The work tree drifts from the index.
	rm := func(name string) {
		t.Helper()
		if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	rm("app/gone.py")
	symlink("main.py", "app/link.py")
	rm("app/dir.py")
	write(t, dir, "app/dir.py/inner.txt", "a folder now\n")
	rm("app/fifo.py")
	if err := syscall.Mkfifo(filepath.Join(dir, "app", "fifo.py"), 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	symlink(filepath.Join(outside, "lib"), "lib")
	write(t, dir, "notes/todo.md", "untracked\n")
	symlink("app/main.py", "cfg.yml")

	s := open(t, dir)
	type entry struct {
		path    string
		regular bool
	}
	var got []entry
	for _, f := range s.Files {
		got = append(got, entry{f.Path, f.Regular})
	}
	want := []entry{
		{"a/a.py", true}, {"a/b/c.py", true}, {"a/z.py", true},
		// Untracked, in the folder that took the place of a tracked file.
		{"app/dir.py/inner.txt", true},
		{"app/link.py", false}, {"app/main.py", true},
		{"cfg.yml", false}, {"dist/config.js", true}, {"docs.md", false},
		// The link that replaced the folder is untracked; the file is, in
		// git's words, still lib/x.py, and not read as a plain file now
		// that its folder is a link out of the tree.
		{"lib", false}, {"lib/x.py", false},
		{"notes/todo.md", true},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("files =\n%v\nwant\n%v", got, want)
	}
	for _, f := range s.Files {
		if f.Build != (f.Path == "dist/config.js") {
			t.Errorf("%s: Build = %v", f.Path, f.Build)
		}
		if f.Build && f.Size != int64(len("exports.PORT = 3000;\n")) {
			t.Errorf("%s: Size = %d, want its size for the build-output rule", f.Path, f.Size)
		}
	}
	read := func(name string) (string, error) {
		t.Helper()
		i := slices.IndexFunc(s.Files, func(f File) bool { return f.Path == name })
		data, err := s.ReadEntry(s.Files[i], 1<<20)
		return string(data), err
	}
	if data, err := read("lib/x.py"); err == nil {
		t.Errorf("read %q through a folder linked out of the tree", data)
	}
	if data, err := read("app/link.py"); err != nil || data != "app = 1\n" {
		t.Errorf("a symlink inside the tree: %q, %v", data, err)
	}

	// After listing: a file becomes a link out of the tree, another goes.
	symlink(filepath.Join(outside, "secret.txt"), "app/main.py")
	if data, err := read("app/main.py"); err == nil {
		t.Errorf("read %q through a symlink swapped in after listing", data)
	}
	rm("a/z.py")
	if _, err := read("a/z.py"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file deleted after listing: err = %v, want ErrNotExist", err)
	}
}

// TestListingWithoutFolderTypesFallsBackToLstat checks present when a
// folder's listing tells no types (some file systems leave them out) or
// the folder cannot be listed: each file is then looked up on its own.
func TestListingWithoutFolderTypesFallsBackToLstat(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "app/main.py", "x\n")
	write(t, dir, "dist/config.js", "y\n")
	write(t, dir, "app/dir.py/inner.txt", "a folder\n")
	if err := os.Symlink("main.py", filepath.Join(dir, "app", "link.py")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	files := []File{{Path: "app/dir.py"}, {Path: "app/gone.py"}, {Path: "app/link.py"}, {Path: "app/main.py"}, {Path: "dist/config.js", Build: true}}
	want := []File{{Path: "app/link.py"}, {Path: "app/main.py", Regular: true}, {Path: "dist/config.js", Build: true, Regular: true, Size: 2}}
	for name, list := range map[string]func(string, []byte, func([]byte, entryKind)) bool{
		"no types": func(dir string, buf []byte, each func([]byte, entryKind)) bool {
			return listDir(dir, buf, func(name []byte, _ entryKind) { each(name, unseen) })
		},
		"no listing": func(string, []byte, func([]byte, entryKind)) bool { return false },
		"listing":    listDir,
	} {
		listFolder = list
		got := present(dir, slices.Clone(files))
		listFolder = listDir
		if !slices.Equal(got, want) {
			t.Errorf("%s: present = %+v, want %+v", name, got, want)
		}
	}
	if got := present(filepath.Join(dir, "missing"), slices.Clone(files)); len(got) != 0 {
		t.Errorf("under a missing folder: %+v, want none", got)
	}
}

// TestListingThroughALinkToTheCheckout checks a checkout named through a
// symlink (as /tmp is on macOS): its root folder's files are still listed
// from the folder's listing, as regular files.
func TestListingThroughALinkToTheCheckout(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{{When: t0, Files: map[string]string{"main.py": "x\n", "app/a.py": "y\n"}}})
	link := filepath.Join(t.TempDir(), "checkout")
	if err := os.Symlink(dir, link); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	lookedUp := 0
	listFolder = func(dir string, buf []byte, each func([]byte, entryKind)) bool {
		ok := listDir(dir, buf, each)
		if !ok {
			lookedUp++
		}
		return ok
	}
	defer func() { listFolder = listDir }()
	s := open(t, link)
	if len(s.Files) != 2 || !s.Files[0].Regular || !s.Files[1].Regular || lookedUp != 0 {
		t.Errorf("files = %+v, %d folders not listed; want both regular, every folder listed", s.Files, lookedUp)
	}
}
