package github

import (
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

// stallMode is how the download misbehaves.
type stallMode int

const (
	// stallMidBody sends the headers and half the tarball, then nothing.
	stallMidBody stallMode = iota
	// stallAfterHeaders sends the headers, then nothing.
	stallAfterHeaders
	// stallBeforeHeaders accepts the request and never answers.
	stallBeforeHeaders
	// trickle sends the whole tarball in small pieces, each well within
	// the idle timeout, the whole taking longer than it.
	trickle
)

// stallingServer sits in front of the fake GitHub: the API goes through
// unchanged (redirects point back at this server), downloads misbehave.
type stallingServer struct {
	*httptest.Server
	inner   *githubtest.Server
	repo    *githubtest.Repo
	mode    stallMode
	gap     time.Duration // pause between trickled pieces
	release chan struct{}
}

func newStallingServer(t *testing.T, repo *githubtest.Repo, mode stallMode, gap time.Duration) *stallingServer {
	t.Helper()
	s := &stallingServer{inner: githubtest.New(repo), repo: repo, mode: mode, gap: gap, release: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	// Cleanups run last first: unblock the stalled handlers, then close.
	t.Cleanup(s.inner.Close)
	t.Cleanup(s.Close)
	t.Cleanup(func() { close(s.release) })
	return s
}

// rewriter points the tarball redirect at the front server.
type rewriter struct {
	http.ResponseWriter
	from, to string
}

func (w *rewriter) WriteHeader(code int) {
	if loc := w.Header().Get("Location"); strings.HasPrefix(loc, w.from) {
		w.Header().Set("Location", w.to+strings.TrimPrefix(loc, w.from))
	}
	w.ResponseWriter.WriteHeader(code)
}

func (s *stallingServer) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/_download/") {
		s.inner.Config.Handler.ServeHTTP(&rewriter{ResponseWriter: w, from: s.inner.URL, to: s.URL}, r)
		return
	}
	hang := func() {
		select {
		case <-r.Context().Done():
		case <-s.release:
		}
	}
	body := s.repo.Tarball
	if s.mode == stallBeforeHeaders {
		hang()
		return
	}
	w.Header().Set("Content-Type", "application/x-gzip")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	flusher := w.(http.Flusher)
	switch s.mode {
	case stallAfterHeaders:
		flusher.Flush()
		hang()
	case stallMidBody:
		w.Write(body[:len(body)/2])
		flusher.Flush()
		hang()
	case trickle:
		const pieces = 8
		for i := range pieces {
			w.Write(body[i*len(body)/pieces : (i+1)*len(body)/pieces])
			flusher.Flush()
			select {
			case <-time.After(s.gap):
			case <-r.Context().Done():
				return
			}
		}
	}
}

// tarballsIn lists the tarballs kept in a cache folder.
func tarballsIn(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tar.gz") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestStalledDownloadFailsWithinTheIdleTimeout: a tarball download that
// stops sending fails after the idle timeout with one clear line and the
// network exit code, and leaves nothing in the cache; a slow download
// that keeps sending is not cut off however long it takes in all.
func TestStalledDownloadFailsWithinTheIdleTimeout(t *testing.T) {
	const idle = 300 * time.Millisecond
	base := githubtest.FromGit(t, projectRepo(t), "someone", "project")
	for _, c := range []struct {
		name string
		mode stallMode
		want []string
	}{
		{"mid-body", stallMidBody, []string{"download tarball of someone/project@", "no data for 300ms (timeout)"}},
		{"after the headers", stallAfterHeaders, []string{"download tarball of someone/project@", "no data for 300ms (timeout)"}},
		{"before the headers", stallBeforeHeaders, []string{"download tarball of someone/project@", "no answer for 300ms (timeout)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			repo := *base
			srv := newStallingServer(t, &repo, c.mode, 0)
			cache := t.TempDir()
			opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": srv.URL + "/", "VETFOLIO_CACHE_DIR": cache}), TokenCommand: noGH, Timeout: idle}

			type result struct {
				err     error
				elapsed time.Duration
			}
			done := make(chan result, 1)
			go func() {
				start := time.Now()
				tgt, err := ParseTarget("someone/project")
				if err == nil {
					var snap interface{ Close() error }
					snap, err = Open(t.Context(), tgt, opts)
					if err == nil {
						snap.Close()
					}
				}
				done <- result{err, time.Since(start)}
			}()
			var res result
			select {
			case res = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the audit hangs on a stalled download")
			}
			if res.err == nil {
				t.Fatal("a stalled download succeeded")
			}
			// The API answers at once; only the stall waits, for about
			// the idle timeout.
			if res.elapsed < idle || res.elapsed > idle+2*time.Second {
				t.Errorf("failed after %s, want about the idle timeout of %s", res.elapsed, idle)
			}
			var e *Error
			if !errors.As(res.err, &e) || e.ExitCode() != ExitNetwork {
				t.Errorf("err = %v (%T), want exit code %d", res.err, res.err, ExitNetwork)
			}
			msg := res.err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") || strings.Contains(msg, "cannot reach") || strings.Contains(msg, "corrupt") {
				t.Errorf("message is not one clear line: %q", msg)
			}
			if kept := tarballsIn(t, cache); len(kept) > 0 {
				t.Errorf("a partial tarball was cached: %v", kept)
			}
		})
	}

	t.Run("slow but steady", func(t *testing.T) {
		repo := *base
		// 8 pieces 100ms apart: 700ms in all, never 300ms without data.
		srv := newStallingServer(t, &repo, trickle, idle/3)
		opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": srv.URL + "/"}), TokenCommand: noGH, NoCache: true, Timeout: idle}
		start := time.Now()
		snap, err := open(t, "someone/project", opts)
		if err != nil {
			t.Fatalf("a download that keeps sending was cut off: %v", err)
		}
		if took := time.Since(start); took < 2*idle {
			t.Errorf("the download took %s; the test wants it longer than the idle timeout", took)
		}
		if len(snap.Files) == 0 {
			t.Error("no files from the trickled tarball")
		}
	})
}
