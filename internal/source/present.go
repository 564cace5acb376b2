package source

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// present keeps the listed files (sorted by path, no duplicates) that the
// work tree holds as a regular file or a symlink, and sets their Regular:
// git lists tracked files deleted from the work tree too, and a symlink is
// listed as itself, never followed. It reads each folder once (open,
// getdents, close) instead of an lstat per file: on 80,000 files in 1,600
// folders that is ~6,500 system calls instead of 80,000. A file its
// folder's listing does not name, or names without a type, is looked up
// with lstat as before, and so is build output, whose size decides whether
// it is kept (KeepBuildFile): Size is set for build output only, the one
// place it is read.
//
// A file under a folder that is not a real folder of the tree (a symlink,
// in the path as git lists it, to a folder elsewhere) is listed as an
// lstat through the link finds it, but never as Regular: ReadEntry then
// reads it through os.Root, which refuses a link out of the tree.
func present(root string, files []File) []File {
	kind := make([]entryKind, len(files))
	// The files of a folder are contiguous once sorted, except where a
	// subfolder's files come between ("a/b/x.py" sorts between "a/a.py"
	// and "a/c.py"): group them by folder first.
	type group struct {
		dir   string
		files []int32
	}
	var groups []group
	at := map[string]int{}
	for i, f := range files {
		dir, _ := path.Split(f.Path)
		g, ok := at[dir]
		if !ok {
			g = len(groups)
			at[dir] = g
			groups = append(groups, group{dir: dir})
		}
		groups[g].files = append(groups[g].files, int32(i))
	}
	real := map[string]bool{"": true}
	var realDir func(dir string) bool
	realDir = func(dir string) bool {
		if ok, known := real[dir]; known {
			return ok
		}
		parent, _ := path.Split(dir[:len(dir)-1])
		info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(dir)))
		ok := err == nil && info.IsDir() && realDir(parent)
		real[dir] = ok
		return ok
	}
	names := map[string]int32{}
	buf := make([]byte, 32<<10)
	for _, g := range groups {
		clear(names)
		for _, i := range g.files {
			_, name := path.Split(files[i].Path)
			names[name] = i
		}
		// The root as the user named it may be a symlink (listDir does not
		// follow one); "/." names the folder it leads to.
		dir := root + string(filepath.Separator) + "."
		if g.dir != "" {
			dir = filepath.Join(root, filepath.FromSlash(g.dir))
		}
		if !listFolder(dir, buf, func(name []byte, k entryKind) {
			if i, ok := names[string(name)]; ok {
				kind[i] = k
			}
		}) {
			continue
		}
		if g.dir != "" {
			// Opened with O_NOFOLLOW, so the folder itself is no link.
			if _, known := real[g.dir]; !known {
				parent, _ := path.Split(g.dir[:len(g.dir)-1])
				real[g.dir] = realDir(parent)
			}
		}
	}
	kept := files[:0]
	for i, f := range files {
		k := kind[i]
		var size int64
		if k == unseen || (k == regularFile && f.Build) {
			info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f.Path)))
			switch {
			case err != nil:
				k = other
			case info.Mode().IsRegular():
				k, size = regularFile, info.Size()
			case info.Mode()&fs.ModeSymlink != 0:
				k = symlink
			default:
				k = other
			}
		}
		if k == other || (f.Build && (k != regularFile || !KeepBuildFile(f.Path, size))) {
			continue
		}
		dir, _ := path.Split(f.Path)
		f.Regular = k == regularFile && realDir(dir)
		if f.Build {
			f.Size = size
		}
		kept = append(kept, f)
	}
	return kept
}

// listFolder is listDir; tests replace it to see the lstat fallback.
var listFolder = listDir

// entryKind is what a folder's listing says of one of its entries.
type entryKind uint8

const (
	// unseen: not named, or named without a type (some file systems
	// leave it out); lstat decides.
	unseen entryKind = iota
	regularFile
	symlink
	other
)
