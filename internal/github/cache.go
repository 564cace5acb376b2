package github

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// maxCachedBody is the largest API response kept on disk; API answers are
// small, the tarball is cached apart.
const maxCachedBody = 8 << 20

// Stats counts what went over the network, for the request budget.
type Stats struct {
	mu sync.Mutex
	// REST counts API requests sent (conditional ones included).
	REST int
	// NotModified counts API requests answered 304 from the cache; GitHub
	// does not count them against the rate limit.
	NotModified int
	// FromCache counts API answers served from the cache with no request
	// at all (immutable answers, such as a commit's detail by SHA).
	FromCache int
	// Downloads counts tarball downloads (not REST requests).
	Downloads int
	// TarballReused is set when the tarball came from the cache.
	TarballReused bool
}

func (s *Stats) add(f func(*Stats)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

// Snapshot returns a copy of the counters.
func (s *Stats) Snapshot() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{REST: s.REST, NotModified: s.NotModified, FromCache: s.FromCache, Downloads: s.Downloads, TarballReused: s.TarballReused}
}

type ctxKey int

// immutableKey marks a request whose answer never changes (a commit by
// SHA): a cached answer is used without asking again.
const immutableKey ctxKey = 1

func immutable(ctx context.Context) context.Context {
	return context.WithValue(ctx, immutableKey, true)
}

// cacheEntry is one API answer on disk.
type cacheEntry struct {
	URL    string      `json:"url"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body"`
}

// keptHeaders are the response headers worth replaying from the cache.
var keptHeaders = []string{"Content-Type", "Etag", "Last-Modified", "Link"}

// diskCache stores API answers and tarballs under dir.
type diskCache struct{ dir string }

func (c *diskCache) apiPath(req *http.Request) string {
	sum := sha256.Sum256([]byte(req.URL.String() + "\x00" + req.Header.Get("Accept")))
	return filepath.Join(c.dir, "api", hex.EncodeToString(sum[:16])+".json")
}

func (c *diskCache) load(req *http.Request) *cacheEntry {
	data, err := os.ReadFile(c.apiPath(req))
	if err != nil {
		return nil
	}
	var e cacheEntry
	if json.Unmarshal(data, &e) != nil || e.URL != req.URL.String() {
		return nil
	}
	return &e
}

func (c *diskCache) store(req *http.Request, h http.Header, body []byte) {
	e := cacheEntry{URL: req.URL.String(), Header: http.Header{}, Body: body}
	for _, k := range keptHeaders {
		if v := h.Get(k); v != "" {
			e.Header.Set(k, v)
		}
	}
	data, err := json.Marshal(e)
	if err != nil {
		return
	}
	// A cache that cannot be written only costs requests; never fail the audit.
	_ = writeAtomic(c.apiPath(req), data)
}

// tarballPath is where the tarball of one commit is kept.
func (c *diskCache) tarballPath(host, owner, name, sha string) string {
	return filepath.Join(c.dir, "tarballs", safeName(host), safeName(owner), safeName(name), safeName(sha)+".tar.gz")
}

// safeName keeps a path element from naming a parent folder.
func safeName(s string) string {
	if s == "" || s == "." || s == ".." {
		return "_"
	}
	return filepath.Base(filepath.Clean("/" + s))
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	removeStale(filepath.Dir(path), spoolPattern, staleSpool)
	f, err := os.CreateTemp(filepath.Dir(path), spoolPattern)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}

// transport counts API requests and, with a cache, makes them conditional
// and answers 304s from disk.
type transport struct {
	base  http.RoundTripper
	cache *diskCache
	stats *Stats
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var entry *cacheEntry
	if t.cache != nil && req.Method == http.MethodGet {
		entry = t.cache.load(req)
		if entry != nil && req.Context().Value(immutableKey) != nil {
			t.stats.add(func(s *Stats) { s.FromCache++ })
			return entry.response(req, nil), nil
		}
		if entry != nil {
			req = req.Clone(req.Context())
			if v := entry.Header.Get("Etag"); v != "" {
				req.Header.Set("If-None-Match", v)
			}
			if v := entry.Header.Get("Last-Modified"); v != "" {
				req.Header.Set("If-Modified-Since", v)
			}
		}
	}
	t.stats.add(func(s *Stats) { s.REST++ })
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	// go-github decodes whatever it is handed: a hostile server's 1 GiB
	// answer would be held in memory whole.
	resp.Body = &cappedBody{body: resp.Body, left: apiBodyCap(req.URL.Path), limit: apiBodyCap(req.URL.Path)}
	if t.cache == nil || req.Method != http.MethodGet {
		return resp, nil
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && entry != nil:
		resp.Body.Close()
		t.stats.add(func(s *Stats) { s.NotModified++ })
		return entry.response(req, resp.Header), nil
	case resp.StatusCode == http.StatusOK && (resp.Header.Get("Etag") != "" || resp.Header.Get("Last-Modified") != "" || req.Context().Value(immutableKey) != nil):
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxCachedBody+1))
		if err != nil {
			resp.Body.Close()
			return nil, fmt.Errorf("read %s: %w", req.URL.Path, err)
		}
		if len(body) > maxCachedBody {
			// Too large to keep: hand it on whole, what was read first.
			resp.Body = readCloser{io.MultiReader(bytes.NewReader(body), resp.Body), resp.Body}
			return resp, nil
		}
		resp.Body.Close()
		t.cache.store(req, resp.Header, body)
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		return resp, nil
	}
	return resp, nil
}

// maxAPIBody is the largest API answer read: a page of 100 commits is
// well under a megabyte. A commit's detail carries its patches and may be
// larger (GitHub cuts them off itself), so it has its own cap.
const (
	maxAPIBody          = 8 << 20
	maxCommitDetailBody = 32 << 20
)

// commitDetail is the path of one commit's detail, /repos/o/r/commits/sha.
var commitDetail = regexp.MustCompile(`/repos/[^/]+/[^/]+/commits/[^/]+$`)

func apiBodyCap(path string) int64 {
	if commitDetail.MatchString(path) {
		return maxCommitDetailBody
	}
	return maxAPIBody
}

// bodyTooLargeError is what reading past an API answer's cap returns.
type bodyTooLargeError struct{ limit int64 }

func (e *bodyTooLargeError) Error() string {
	return fmt.Sprintf("the answer is larger than %d MiB, which no GitHub API answer of this kind is; the server at GITHUB_API_URL is not behaving like GitHub", e.limit>>20)
}

// cappedBody fails a read past its limit instead of reading on.
type cappedBody struct {
	body        io.ReadCloser
	left, limit int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One byte more tells a body of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := io.ReadFull(b.body, one[:]); n > 0 {
			return 0, &bodyTooLargeError{b.limit}
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.body.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *cappedBody) Close() error { return b.body.Close() }

type readCloser struct {
	io.Reader
	io.Closer
}

// response rebuilds a 200 answer from the cache; live headers (the rate
// limit of a 304) are laid over the cached ones.
func (e *cacheEntry) response(req *http.Request, live http.Header) *http.Response {
	h := e.Header.Clone()
	for k, v := range live {
		if _, kept := h[k]; !kept {
			h[k] = v
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(e.Body)))
	return &http.Response{
		Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(e.Body)), ContentLength: int64(len(e.Body)), Request: req,
	}
}

// Spool files left by a process killed mid-write (kill -9 runs no
// cleanup) are removed by the next run once they are old enough that no
// live process can still be writing them.
const (
	staleSpool   = time.Hour
	staleUnpack  = 24 * time.Hour
	spoolPattern = ".tmp-*"
	unpackPrefix = "vetfolio-github-"
)

// removeStale removes the entries of dir matching pattern last changed
// more than age ago; it is best effort.
func removeStale(dir, pattern string, age time.Duration) {
	matches, _ := filepath.Glob(filepath.Join(dir, pattern))
	for _, m := range matches {
		if info, err := os.Lstat(m); err == nil && time.Since(info.ModTime()) > age {
			os.RemoveAll(m)
		}
	}
}
