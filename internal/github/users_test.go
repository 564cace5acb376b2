package github

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// A server whose Link header always names page 1 as the next page (a
// broken proxy or Enterprise server) once kept Repos asking forever: the
// cap counted page numbers, not requests.
func TestReposStopsAfterMaxPagesWhateverTheLinks(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) > 50 {
			http.Error(w, "too many", http.StatusTeapot)
			return
		}
		w.Header().Set("Link", fmt.Sprintf(`<http://%s/users/octo/repos?page=1>; rel="next"`, r.Host))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `[{"name":"api","full_name":"octo/api"}]`)
	}))
	defer srv.Close()
	u, err := NewUsers(t.Context(), "", Options{Env: envOf(map[string]string{"GITHUB_API_URL": srv.URL + "/"}),
		TokenCommand: noGH, NoCache: true, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	repos, err := u.Repos(t.Context(), "octo")
	if err != nil {
		t.Fatalf("Repos: %v (after %d requests)", err, hits.Load())
	}
	if n := hits.Load(); n != maxRepoPages || len(repos) != maxRepoPages {
		t.Errorf("%d requests, %d repositories; want %d of each", n, len(repos), maxRepoPages)
	}
}
