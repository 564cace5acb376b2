package github

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

// A download that trickles forever, each piece within the idle timeout,
// ends at the total deadline with a line saying so.
func TestATricklingDownloadEndsAtTheTotalDeadline(t *testing.T) {
	const idle = 300 * time.Millisecond
	repo := *githubtest.FromGit(t, projectRepo(t), "someone", "project")
	srv := newStallingServer(t, &repo, trickle, idle/2) // 8 pieces: 1.2 s in all
	opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": srv.URL + "/"}), TokenCommand: noGH, NoCache: true,
		Timeout: idle, DownloadDeadline: 500 * time.Millisecond}
	start := time.Now()
	_, err := open(t, "someone/project", opts)
	if err == nil {
		t.Fatal("a download longer than its total deadline succeeded")
	}
	if took := time.Since(start); took > 1100*time.Millisecond {
		t.Errorf("the download ran %s, past its total deadline", took)
	}
	if !strings.Contains(err.Error(), "total timeout") {
		t.Errorf("err = %v, want the total timeout named", err)
	}
}

func TestStaleSpoolFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	old, fresh, kept := filepath.Join(dir, ".tmp-123"), filepath.Join(dir, ".tmp-456"), filepath.Join(dir, "abc.tar.gz")
	for _, p := range []string{old, fresh, kept} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * staleSpool)
	for _, p := range []string{old, kept} {
		if err := os.Chtimes(p, long, long); err != nil {
			t.Fatal(err)
		}
	}
	// A killed run left old; the next write into the cache clears it.
	if err := writeAtomic(filepath.Join(dir, "answer.json"), []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("a stale spool file was left")
	}
	for _, p := range []string{fresh, kept, filepath.Join(dir, "answer.json")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}
