package github

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

type fixedAnswer struct{ body []byte }

func (f fixedAnswer) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Etag": {`"v1"`}},
		Body: io.NopCloser(bytes.NewReader(f.body)), Request: req}, nil
}

// An answer too large to cache (a commit whose detail lists megabytes of
// patches) once reached the caller cut at the cache's cap, so its JSON
// failed to decode. It must arrive whole, and stay out of the cache.
func TestCacheHandsOnALargeAnswerWhole(t *testing.T) {
	big := []byte(`{"files":"` + strings.Repeat("x", maxCachedBody+100) + `"}`)
	cache := &diskCache{dir: t.TempDir()}
	tr := &transport{base: fixedAnswer{big}, cache: cache, stats: &Stats{}}
	req, _ := http.NewRequestWithContext(immutable(t.Context()), http.MethodGet, "https://api.example.com/repos/o/r/commits/abc", nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("read %d bytes (err %v), want %d", len(got), err, len(big))
	}
	if cache.load(req) != nil {
		t.Error("an answer above the cap was cached")
	}
	// A small answer is still cached.
	small := []byte(`{"sha":"abc"}`)
	tr.base = fixedAnswer{small}
	resp, err = tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if e := cache.load(req); e == nil || !bytes.Equal(e.Body, small) {
		t.Error("a small answer was not cached")
	}
}
