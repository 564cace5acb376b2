package github

import (
	"archive/tar"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

// evilTarball claims commit sha by its top folder and holds evil.py.
func evilTarball(t *testing.T, sha string) []byte {
	top := "someone-project-" + sha[:7] + "/"
	return githubtest.Tarball(t,
		githubtest.Entry{Name: top, Type: tar.TypeDir},
		githubtest.Entry{Name: top + "evil.py", Body: "import os\n"})
}

// A hostile server answers for the same repository and commit as the real
// one, with its own tarball: an audit through the real server, sharing
// the cache, must not read the hostile server's files.
func TestTheTarballCacheIsKeptApartPerAPIHost(t *testing.T) {
	real := githubtest.FromGit(t, projectRepo(t), "someone", "project")
	realSrv := githubtest.New(real)
	defer realSrv.Close()
	evil := githubtest.FromGit(t, projectRepo(t), "someone", "project")
	evil.Commits[0].SHA = real.Commits[0].SHA
	evil.Tarball = evilTarball(t, real.Commits[0].SHA)
	evilSrv := githubtest.New(evil)
	defer evilSrv.Close()

	cacheDir := t.TempDir()
	first := options(t, evilSrv, map[string]string{"VETFOLIO_CACHE_DIR": cacheDir})
	snap, err := open(t, "someone/project", first)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(paths(snap.Files), "evil.py") || snap.Commit != real.Commits[0].SHA {
		t.Fatalf("the hostile server's audit proves nothing: commit %s, files %v", snap.Commit, paths(snap.Files))
	}
	snap, err = open(t, "someone/project", options(t, realSrv, map[string]string{"VETFOLIO_CACHE_DIR": cacheDir}))
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(paths(snap.Files), "evil.py") {
		t.Errorf("the real server's audit read the hostile server's cached tarball: %v", paths(snap.Files))
	}
}

// A cached tarball that is not the commit it is filed under is fetched
// again, not reused.
func TestACachedTarballMustBeTheCommitItClaims(t *testing.T) {
	repo := githubtest.FromGit(t, projectRepo(t), "someone", "project")
	srv := githubtest.New(repo)
	defer srv.Close()
	cacheDir := t.TempDir()
	apiURL, _ := url.Parse(srv.APIURL())
	planted := (&diskCache{dir: cacheDir}).tarballPath(apiURL.Host, "someone", "project", repo.Commits[0].SHA)
	if err := os.MkdirAll(filepath.Dir(planted), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(planted, evilTarball(t, strings.Repeat("0", 40)), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := options(t, srv, map[string]string{"VETFOLIO_CACHE_DIR": cacheDir})
	snap, err := open(t, "someone/project", opts)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(paths(snap.Files), "evil.py") {
		t.Errorf("a tarball of another commit was reused: %v", paths(snap.Files))
	}
	if srv.Downloads() != 1 {
		t.Errorf("downloads = %d, want 1 (the planted tarball replaced)", srv.Downloads())
	}
}

// The cache copy of a tarball stops at its cap: past it, the download is
// still read (the extraction has its own caps) but nothing more is
// written, and no spool file is left.
func TestTheTarballCacheWriteIsCapped(t *testing.T) {
	repo := githubtest.FromGit(t, projectRepo(t), "someone", "project")
	srv := githubtest.New(repo)
	defer srv.Close()
	old := maxCachedTarball
	maxCachedTarball = int64(len(repo.Tarball)) / 2
	defer func() { maxCachedTarball = old }()
	cacheDir := t.TempDir()
	if _, err := open(t, "someone/project", options(t, srv, map[string]string{"VETFOLIO_CACHE_DIR": cacheDir})); err != nil {
		t.Fatal(err)
	}
	var written []string
	filepath.Walk(filepath.Join(cacheDir, "tarballs"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			written = append(written, p)
		}
		return nil
	})
	if len(written) != 0 {
		t.Errorf("a tarball over the cache cap was written: %v", written)
	}
}
