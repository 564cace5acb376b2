package github

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/source"
)

// Limits bound what a tarball may cost on disk and in time.
type Limits struct {
	// MaxTotal caps the bytes written to disk; files past it are left out.
	MaxTotal int64
	// MaxFile caps one file's size; a larger file is listed with its size
	// but its content is not written (it is never scanned anyway).
	MaxFile int64
	// MaxEntries caps the number of archive entries read.
	MaxEntries int
	// MaxStream caps the decompressed bytes read, skipped entries included,
	// against compression bombs.
	MaxStream int64
}

// DefaultLimits suit any real portfolio repository.
var DefaultLimits = Limits{MaxTotal: 512 << 20, MaxFile: 32 << 20, MaxEntries: 200_000, MaxStream: 4 << 30}

// isCommit reports whether the archive says it holds commit sha: the
// commit git archive recorded, else GitHub's top folder owner-name-<sha7>.
// A cached tarball that does not is not reused.
func (x *extracted) isCommit(sha string) bool {
	if x.Commit != "" {
		return strings.EqualFold(x.Commit, sha)
	}
	return len(sha) >= 7 && strings.HasSuffix(strings.ToLower(x.Top), "-"+strings.ToLower(sha[:7]))
}

// extracted is what an archive held.
type extracted struct {
	Files []source.File
	// Entries counts the files and symlinks in the archive outside
	// dependency folders: what the local log counts for a repository's
	// only commit.
	Entries int
	// Workflows is set when .github/workflows holds a workflow.
	Workflows bool
	// Commit is the SHA git archive records in the pax global header.
	Commit string
	// Top is the archive's top folder (owner-name-<sha7> on GitHub).
	Top   string
	Notes []string
	// Complete is false when a cap stopped the reading early.
	Complete bool
}

// errCorrupt marks a malformed or truncated archive.
var errCorrupt = errors.New("corrupt archive")

// countingReader counts bytes and stops at a cap.
type countingReader struct {
	r   io.Reader
	n   int64
	max int64
}

var errStreamCap = errors.New("archive larger than the cap")

func (c *countingReader) Read(p []byte) (int, error) {
	if c.n >= c.max {
		return 0, errStreamCap
	}
	if int64(len(p)) > c.max-c.n {
		p = p[:c.max-c.n]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// extract streams a gzipped tarball into dir, dropping the archive's
// top-level folder so paths match a checkout. Entries that would leave dir
// (../, absolute paths, links pointing outside), devices and files in
// dependency folders are skipped; caps stop size bombs. Only a malformed
// or truncated archive is an error (wrapping errCorrupt).
func extract(r io.Reader, dir string, lim Limits) (*extracted, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	defer root.Close()
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: not gzip data (%v)", errCorrupt, err)
	}
	defer zr.Close()
	cr := &countingReader{r: zr, max: lim.MaxStream}
	tr := tar.NewReader(cr)

	x := &extracted{}
	var total int64
	sizes := map[string]int64{}
	symlinks := map[string]bool{}
	var escaped, specials, oversize, overTotal int
	note := func(format string, a ...any) {
		if len(x.Notes) < 20 {
			x.Notes = append(x.Notes, fmt.Sprintf(format, a...))
		}
	}
	entries := 0
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			// Read to the end of the gzip stream so its checksum is checked
			// (and a cached copy is whole).
			if _, err := io.Copy(io.Discard, cr); err != nil && !errors.Is(err, errStreamCap) {
				return nil, fmt.Errorf("%w: %v", errCorrupt, err)
			}
			x.Complete = true
			break
		}
		if errors.Is(err, errStreamCap) {
			note("the archive unpacks to more than %d MiB; the rest was not read", lim.MaxStream>>20)
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errCorrupt, err)
		}
		if entries++; entries > lim.MaxEntries {
			note("the archive has more than %d entries; the rest was not read", lim.MaxEntries)
			break
		}
		if hdr.Typeflag == tar.TypeXGlobalHeader {
			x.Commit = hdr.PAXRecords["comment"]
			continue
		}
		if x.Top == "" {
			if i := strings.IndexByte(hdr.Name, '/'); i > 0 {
				x.Top = hdr.Name[:i]
			}
		}
		rel, ok := entryPath(hdr.Name)
		if !ok {
			if hdr.Name != "" && !isTopLevel(hdr.Name) {
				escaped++
			}
			continue
		}
		switch hdr.Typeflag {
		case tar.TypeDir:
			if throughSymlink(root, rel) {
				escaped++
				continue
			}
			if err := root.MkdirAll(rel, 0o755); err != nil {
				escaped++
			}
		case tar.TypeReg: // the reader reports old-style regular files as TypeReg too
			// Small build-output files are kept for the secret scan alone
			// (source.File.Build).
			build := source.Skipped(rel)
			if build && !source.KeepBuildFile(rel, hdr.Size) {
				continue
			}
			if !build {
				x.Entries++ // counted as the candidate's files, as the local log counts them
			}
			markWorkflow(x, rel)
			switch {
			case hdr.Size > lim.MaxFile:
				// Listed with its size, content left out: a sparse file of
				// that length costs no disk and reads as too large to scan.
				oversize++
				if err := placeholder(root, rel, hdr.Size); err != nil {
					escaped++
					continue
				}
			case total+hdr.Size > lim.MaxTotal:
				overTotal++
				continue
			default:
				n, err := writeFile(root, rel, tr)
				total += n
				if errors.Is(err, errEscape) {
					escaped++
					continue
				}
				if err != nil {
					if errors.Is(err, errStreamCap) {
						note("the archive unpacks to more than %d MiB; the rest was not read", lim.MaxStream>>20)
						return x.finish(sizes, symlinks), nil
					}
					return nil, err
				}
			}
			sizes[rel] = hdr.Size
		case tar.TypeSymlink:
			if source.Skipped(rel) {
				continue
			}
			x.Entries++
			if !linkInside(rel, hdr.Linkname) {
				escaped++
				note("symlink %s points outside the repository (%s); skipped", rel, hdr.Linkname)
				continue
			}
			markWorkflow(x, rel)
			if err := symlink(root, hdr.Linkname, rel); err != nil {
				escaped++
				continue
			}
			sizes[rel] = int64(len(hdr.Linkname))
			symlinks[rel] = true
		case tar.TypeLink:
			target, ok := entryPath(hdr.Linkname)
			if source.Skipped(rel) {
				continue
			}
			x.Entries++
			size, known := sizes[target]
			if !ok || !known {
				escaped++
				note("hard link %s points outside the extracted files (%s); skipped", rel, hdr.Linkname)
				continue
			}
			if throughSymlink(root, rel) || throughSymlink(root, target) {
				escaped++
				continue
			}
			_ = root.Remove(rel)
			if err := root.Link(target, rel); err != nil {
				escaped++
				continue
			}
			sizes[rel] = size
		default:
			specials++
		}
	}
	if escaped > 0 {
		note("%d archive entries that would land outside the repository's folder were refused", escaped)
	}
	if specials > 0 {
		note("%d device files, pipes or other special entries in the archive were skipped", specials)
	}
	if oversize > 0 {
		note("%d files larger than %d MiB were listed but not unpacked", oversize, lim.MaxFile>>20)
	}
	if overTotal > 0 {
		note("%d files were left out: the archive holds more than %d MiB", overTotal, lim.MaxTotal>>20)
	}
	return x.finish(sizes, symlinks), nil
}

func (x *extracted) finish(sizes map[string]int64, symlinks map[string]bool) *extracted {
	for p, n := range sizes {
		x.Files = append(x.Files, source.File{Path: p, Size: n, Regular: !symlinks[p], Build: source.Skipped(p)})
	}
	sort.Slice(x.Files, func(i, j int) bool { return x.Files[i].Path < x.Files[j].Path })
	return x
}

func markWorkflow(x *extracted, rel string) {
	if strings.HasPrefix(rel, ".github/workflows/") && (strings.HasSuffix(rel, ".yml") || strings.HasSuffix(rel, ".yaml")) {
		x.Workflows = true
	}
}

// isTopLevel reports whether name is the archive's own top-level folder.
func isTopLevel(name string) bool {
	name = strings.TrimSuffix(name, "/")
	return name != "" && !strings.Contains(name, "/") && name != ".." && !strings.HasPrefix(name, "/")
}

// entryPath strips the archive's top-level folder and refuses any name
// that is absolute or climbs with "..".
func entryPath(name string) (string, bool) {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || strings.ContainsRune(name, 0) {
		return "", false
	}
	for _, el := range strings.Split(name, "/") {
		if el == ".." {
			return "", false
		}
	}
	i := strings.IndexByte(name, '/')
	if i < 0 {
		return "", false
	}
	rel := path.Clean(name[i+1:])
	if rel == "." || rel == "" || strings.HasPrefix(rel, "/") || rel == ".git" || strings.HasPrefix(rel, ".git/") {
		return "", false
	}
	return rel, true
}

// linkInside reports whether a symlink at rel pointing to target stays in
// the repository.
func linkInside(rel, target string) bool {
	if target == "" || path.IsAbs(target) || strings.Contains(target, "\\") {
		return false
	}
	p := path.Clean(path.Join(path.Dir(rel), target))
	return p != ".." && !strings.HasPrefix(p, "../") && !path.IsAbs(p)
}

var errEscape = errors.New("path leaves the folder")

// throughSymlink reports whether a folder on the way to rel is a symlink
// (or cannot be checked). Nothing is written through a symlinked folder:
// the link could later be replaced by one that leaves the repository
// (p -> ., then d -> p/p/p/..), and a file listed under it would then be
// read from outside.
func throughSymlink(root *os.Root, rel string) bool {
	for d := path.Dir(rel); d != "." && d != "/"; d = path.Dir(d) {
		info, err := root.Lstat(d)
		if errors.Is(err, fs.ErrNotExist) {
			continue // created below as a real folder
		}
		if err != nil || info.Mode()&fs.ModeSymlink != 0 {
			return true
		}
	}
	return false
}

func prepare(root *os.Root, rel string) error {
	if throughSymlink(root, rel) {
		return errEscape
	}
	if d := path.Dir(rel); d != "." {
		if err := root.MkdirAll(d, 0o755); err != nil {
			return errEscape
		}
	}
	if info, err := root.Lstat(rel); err == nil {
		if info.IsDir() {
			return errEscape
		}
		_ = root.Remove(rel)
	}
	return nil
}

func writeFile(root *os.Root, rel string, r io.Reader) (int64, error) {
	if err := prepare(root, rel); err != nil {
		return 0, err
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, errEscape
	}
	n, err := io.Copy(f, r)
	if cerr := f.Close(); err == nil && cerr != nil {
		return n, fmt.Errorf("write %s: %w", rel, cerr)
	}
	if err != nil {
		if errors.Is(err, errStreamCap) {
			return n, err
		}
		return n, fmt.Errorf("%w: %s: %v", errCorrupt, rel, err)
	}
	return n, nil
}

func placeholder(root *os.Root, rel string, size int64) error {
	if err := prepare(root, rel); err != nil {
		return err
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return errEscape
	}
	defer f.Close()
	return f.Truncate(size)
}

func symlink(root *os.Root, target, rel string) error {
	if err := prepare(root, rel); err != nil {
		return err
	}
	return root.Symlink(target, rel)
}
