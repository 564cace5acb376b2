package github

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// The API answers with a redirect to another server: the token goes to
// the API host only.
func TestTheTokenDoesNotFollowARedirectToAnotherHost(t *testing.T) {
	const secret = "ghp_hostileRedirectTest0123456789abcdef"
	var mu sync.Mutex
	var apiAuth, otherAuth []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		otherAuth = append(otherAuth, r.Header.Get("Authorization"))
		mu.Unlock()
		http.NotFound(w, r)
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		apiAuth = append(apiAuth, r.Header.Get("Authorization"))
		mu.Unlock()
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusMovedPermanently)
	}))
	defer api.Close()
	opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": api.URL + "/", "GITHUB_TOKEN": secret}), TokenCommand: noGH, NoCache: true}
	if _, err := open(t, "someone/project", opts); err == nil {
		t.Fatal("the redirect to a server that answers 404 succeeded")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(apiAuth) == 0 || !strings.Contains(apiAuth[0], secret) {
		t.Fatalf("the API itself got no token: %q", apiAuth)
	}
	if len(otherAuth) == 0 {
		t.Fatal("the redirect was not followed; the test proves nothing")
	}
	for _, a := range otherAuth {
		if a != "" {
			t.Errorf("the other host received Authorization %q", a)
		}
	}
}
