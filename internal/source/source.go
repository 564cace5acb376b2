// Package source turns an audit target into a Snapshot: the same read-only
// view of files, history and metadata whether the target is a local folder
// or a repository on GitHub.
package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Snapshot is a read-only view of the audited tree.
type Snapshot struct {
	// Kind is local or github.
	Kind string
	// Display is the target as the user named it.
	Display string
	// Dir is the absolute folder on disk that holds the files.
	Dir string
	// Repo is owner/name for GitHub targets.
	Repo string
	// Commit is the commit audited, when known.
	Commit string
	// Files are the candidate's files, sorted by path, dependency and
	// generated folders already left out.
	Files []File
	// Commits is the history, newest first; nil when HistoryReason is set.
	Commits []Commit
	// HistoryReason says why there is no history to judge.
	HistoryReason string
	// HistoryTruncated is set when only the newest commits up to a cap were read.
	HistoryTruncated bool
	// EnvIgnoredAt is "path:line" of a .gitignore rule outside the audited
	// folder that ignores .env in it (a monorepo's root .gitignore); the
	// detectors only see the files inside the folder.
	EnvIgnoredAt string
	// RepoFolder is the audited folder's slash-separated path from the root
	// of its git repository ("backend"); "" at the root or outside git.
	RepoFolder string
	// Remote is owner/name of a local checkout whose origin is on
	// github.com; "" otherwise.
	Remote string
	// Meta is what the hosting platform knows about the repository.
	Meta Meta
	// Notes are things the reader should know about how the snapshot was read.
	Notes []string

	// historyDone delivers the result of a history read still under way.
	historyDone <-chan error
	historyErr  error
	// lateNotes join Notes once the history read is done, since that read
	// appends to Notes from its own goroutine.
	lateNotes []string

	rootOnce sync.Once
	root     *os.Root
	rootErr  error
	cleanup  []func()
}

// File is one file of the snapshot.
type File struct {
	// Path is slash-separated and relative to the snapshot's root.
	Path string
	// Size is the size in bytes when listed, where the listing measured
	// it: build output (KeepBuildFile), a plain folder's files and a
	// GitHub tarball's. A git checkout's other files are not measured,
	// which would cost a system call each; 0 then. Reads do not rely on it.
	Size int64
	// Regular is true when the file was a regular file, not a symlink, when
	// listed; ReadEntry then opens it directly rather than through os.Root.
	Regular bool
	// Context marks a file from outside the audited folder, shown because a
	// visitor of the repository sees it: the root README, CI and deploy
	// files of the monorepo a subfolder audit is part of. Its Path starts
	// with "../"; it is not the candidate's code and is not counted as one
	// of the folder's files.
	Context bool
	// Build marks a committed file of a build-output folder (dist/,
	// build/, target/; see BuildOutput): compiled code is not the
	// candidate's and no detector judges it, except the secret scan: a
	// key compiled into dist/config.js is committed all the same.
	Build bool
}

// Commit is one commit of the history.
type Commit struct {
	Hash    string
	Email   string
	When    time.Time
	Subject string
	// Added and Changed count the files the commit added and touched;
	// Deleted those it removed. Dependency and build folders (see Skipped)
	// are not counted, and renames count as a deletion plus an addition.
	Added, Changed, Deleted int
	// CodeAdded and CodeChanged count only program source files (not
	// tests, docs or configuration), so a bulk upload is judged by where
	// the code came from, not by README commits that follow it. CodeKnown
	// is false when the source did not say which files changed.
	CodeAdded, CodeChanged int
	CodeKnown              bool
}

// Meta is repository metadata from the hosting platform.
type Meta struct {
	DefaultBranch string
	Homepage      string
	Description   string
	Topics        []string
	Fork          bool
	Parent        string
	Archived      bool
	// DeploymentURL is the environment URL of the latest successful deployment.
	DeploymentURL string
	// CIConclusion is the conclusion of the latest workflow run on the default branch.
	CIConclusion string
}

// WaitHistory waits for a history read still under way (LocalDeferred) and
// returns its error; Commits, Commit, HistoryReason and Notes are complete
// once it returns. It is cheap to call again.
func (s *Snapshot) WaitHistory() error {
	if s.historyDone != nil {
		s.historyErr = <-s.historyDone
		s.historyDone = nil
		s.Notes = append(s.Notes, s.lateNotes...)
		s.lateNotes = nil
	}
	return s.historyErr
}

// ErrNotRegular is returned by ReadFile for a pipe, device or socket:
// reading one could block forever or never end.
var ErrNotRegular = errors.New("not a regular file")

// regular refuses an open file that is not a regular file.
func regular(f *os.File, name string) error {
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: %w (%s)", name, ErrNotRegular, info.Mode().Type())
	}
	return nil
}

// ErrTooLarge is returned by ReadFile for a file above the cap.
var ErrTooLarge = errors.New("file too large to scan")

// ReadFile reads a file of the snapshot, refusing files larger than max
// bytes and any path that would leave the snapshot's folder (a symlink
// pointing outside included).
func (s *Snapshot) ReadFile(name string, max int64) ([]byte, error) {
	s.rootOnce.Do(func() { s.root, s.rootErr = os.OpenRoot(s.Dir) })
	if s.rootErr != nil {
		return nil, fmt.Errorf("open %s: %w", s.Dir, s.rootErr)
	}
	// O_NONBLOCK: opening a FIFO (or a link to one) for reading would
	// otherwise wait forever for a writer; it is refused below instead.
	f, err := s.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := regular(f, name); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w", name, ErrTooLarge)
	}
	return data, nil
}

// ReadEntry reads a listed file like ReadFile. A file listed as regular is
// opened directly, refusing a symlink in its place (O_NOFOLLOW): its folders
// were real folders when listed (the walk does not descend into a
// symlinked folder, and a file git lists under one is not listed as
// regular, see present). That skips os.Root's per-component checks, which
// cost more than the read itself on a large tree. Anything else goes
// through ReadFile.
func (s *Snapshot) ReadEntry(f File, max int64) ([]byte, error) {
	if !f.Regular {
		return s.ReadFile(f.Path, max)
	}
	full := filepath.Join(s.Dir, filepath.FromSlash(f.Path))
	if data, ok := readRegularFast(full, max); ok {
		return data, nil
	}
	fh, err := os.OpenFile(full, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil && f.Context {
		// os.Root refuses paths out of the folder; a context file is read
		// directly or not at all.
		return nil, fmt.Errorf("read %s: %w", f.Path, err)
	}
	if err != nil {
		return s.ReadFile(f.Path, max)
	}
	defer fh.Close()
	if err := regular(fh, f.Path); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(fh, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Path, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w", f.Path, ErrTooLarge)
	}
	return data, nil
}

// readRegularFast reads a regular file of at most max bytes with plain
// system calls; ok is false for anything else (a failed open, not a
// regular file, too large, a read error), which ReadEntry's os.File path
// then reads again and reports in its own words. An os.File costs an
// epoll registration that fails on every regular file, a finalizer and
// io.ReadAll's growing buffer: on 80,000 small files that was more than
// the reads.
func readRegularFast(path string, max int64) (data []byte, ok bool) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size > max {
		return nil, false
	}
	return readOpen(fd, st.Size, max)
}

// readOpen reads the regular file open at fd, whose fstat gave size, to its
// end; ok is false on a read error or past max bytes.
func readOpen(fd int, size, max int64) (data []byte, ok bool) {
	// One byte more than the size seen, so a file that grew since is read
	// to its end (or past max) like io.ReadAll would.
	buf := make([]byte, 0, size+1)
	for int64(len(buf)) <= max {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		want := buf[len(buf):min(int64(cap(buf)), max+1)]
		n, err := syscall.Read(fd, want)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, false
		}
		if n == 0 {
			return buf, true
		}
		buf = buf[:len(buf)+n]
		// A read of a regular file returns less than asked only at its
		// end (or on a signal, which Go's handlers restart, SA_RESTART):
		// Linux's filemap_read copies until the request is met or the
		// file's size is reached. Short of size+1 with exactly the size
		// fstat gave, the file has not grown since and this is its end,
		// with no read of 0 bytes to say so (one system call of four per
		// file). Any other short read (a file that grew or shrank, a
		// network or FUSE file system's own rules) asks again until 0.
		if n < len(want) && int64(len(buf)) == size {
			return buf, true
		}
	}
	return nil, false // grew past max: the slow path says so
}

// Close releases the snapshot: open handles and any temporary folder.
func (s *Snapshot) Close() error {
	if s.root != nil {
		s.root.Close()
	}
	for i := len(s.cleanup) - 1; i >= 0; i-- {
		s.cleanup[i]()
	}
	s.cleanup = nil
	return nil
}

// OnClose registers a function that Close runs, such as removing a
// temporary folder.
func (s *Snapshot) OnClose(f func()) { s.cleanup = append(s.cleanup, f) }

// skippedDirs are folders that hold dependencies, build output, tool state
// or test fixtures (Go's testdata/, which may hold whole sample projects),
// never the candidate's own application code.
var skippedDirs = map[string]bool{
	"node_modules": true, "testdata": true, "vendor": true, ".venv": true, "venv": true, "env": false, "target": true,
	"build": true, "dist": true, ".git": true, "__pycache__": true, ".gradle": true, ".mvn": false,
	".next": true, ".nuxt": true, ".idea": true, ".vscode": false, "bower_components": true,
	".tox": true, ".mypy_cache": true, ".pytest_cache": true, "site-packages": true, "out": false,
	".terraform": true, "coverage": true, "htmlcov": true, ".cache": true, "bin": false, "obj": false,
}

// buildDirs are the skipped folders that hold the project's own build
// output, as opposed to dependencies and tool state.
var buildDirs = map[string]bool{"build": true, "dist": true, "target": true}

// maxBuildFile is the largest build-output file kept: a compiled config
// module is small, a bundle is not where a committed key is looked for.
const maxBuildFile = 256 << 10

// BuildOutput reports whether p is a file of a build-output folder that
// Skipped leaves out only for being build output: dist/config.js, but
// not node_modules/x/dist/index.js, dist/app.min.js or a lock file.
func BuildOutput(p string) bool {
	dirs, base := splitDirs(p)
	build := false
	for len(dirs) > 0 {
		var d string
		d, dirs, _ = strings.Cut(dirs, "/")
		switch {
		case buildDirs[d]:
			build = true
		case skippedDirs[d] || strings.HasPrefix(d, ".venv") || strings.HasSuffix(d, ".egg-info"):
			return false
		}
	}
	return build && !Skipped(base)
}

// splitDirs splits p after its last slash into its folders, each
// followed by a slash ("a/b/"; "" when there is none), and its base name.
// Skipped and BuildOutput take the folders off with strings.Cut rather
// than strings.Split: they run for every listed path and every path of
// the history, and a slice per call was most of their cost.
func splitDirs(p string) (dirs, base string) {
	i := strings.LastIndexByte(p, '/')
	return p[:i+1], p[i+1:]
}

// KeepBuildFile reports whether a committed file of size bytes at p is
// listed as build output (File.Build).
func KeepBuildFile(p string, size int64) bool {
	return size <= maxBuildFile && BuildOutput(p)
}

// Skipped reports whether p lies in a dependency, build or generated
// folder, or is a minified or lock file that is not the candidate's code.
func Skipped(p string) bool {
	dirs, base := splitDirs(p)
	for len(dirs) > 0 {
		var d string
		d, dirs, _ = strings.Cut(dirs, "/")
		if skippedDirs[d] || (strings.HasPrefix(d, ".venv") || strings.HasSuffix(d, ".egg-info")) {
			return true
		}
	}
	switch {
	case strings.HasSuffix(base, ".min.js"), strings.HasSuffix(base, ".min.css"), strings.HasSuffix(base, ".map"):
		return true
	case base == "package-lock.json", base == "yarn.lock", base == "pnpm-lock.yaml", base == "poetry.lock",
		base == "Pipfile.lock", base == "go.sum", base == "Cargo.lock", base == "composer.lock", base == "Gemfile.lock":
		return true
	}
	return false
}

func cleanRel(p string) string { return path.Clean(strings.TrimPrefix(p, "./")) }
