package github

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

// A hostile API answers GET /repos/o/r with 64 MiB: the audit fails
// naming the request and the cap, without holding the answer in memory.
func TestAHugeAPIAnswerIsRefusedNotHeld(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Etag", `"x"`) // the cache path too
		fmt.Fprint(w, `{"description":"`)
		chunk := []byte(strings.Repeat("a", 1<<20))
		for range 64 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		fmt.Fprint(w, `"}`)
	}))
	defer api.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": api.URL + "/", "VETFOLIO_CACHE_DIR": t.TempDir()}), TokenCommand: noGH}
	_, err := open(t, "someone/project", opts)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a 64 MiB repository answer was accepted")
	}
	msg := err.Error()
	if !strings.Contains(msg, "GET /repos/someone/project") || !strings.Contains(msg, "8 MiB") {
		t.Errorf("message %q should name the request and the 8 MiB cap", msg)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 48<<20 {
		t.Errorf("reading the answer allocated %d MiB; the cap is 8", grew>>20)
	}
}

// A hostile API answers every commits page with one commit and a Link to
// another page, forever: the listing stops at its request budget.
func TestTheCommitListingStopsAtItsBudget(t *testing.T) {
	var commitPages atomic.Int32
	var api *httptest.Server
	api = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/repos/someone/project":
			fmt.Fprint(w, `{"default_branch":"main"}`)
		case r.URL.Path == "/repos/someone/project/commits":
			n := commitPages.Add(1)
			w.Header().Set("Link", fmt.Sprintf(`<%s/repos/someone/project/commits?page=%d>; rel="next"`, api.URL, n+1))
			fmt.Fprintf(w, `[{"sha":"%040d","commit":{"message":"m","author":{"name":"a","date":"2024-01-01T00:00:00Z"}}}]`, n)
		default:
			http.NotFound(w, r)
		}
	}))
	defer api.Close()
	opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": api.URL + "/"}), TokenCommand: noGH, NoCache: true}
	open(t, "someone/project", opts) // the tarball is missing: only the listing's cost matters
	if n, budget := commitPages.Load(), int32((DefaultCommitCap+99)/100); n == 0 || n > budget {
		t.Errorf("the commit listing sent %d requests; its budget is %d pages", n, budget)
	}
}
