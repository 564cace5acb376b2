package github

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// hostileArchiveAPI is an API that answers the repository and one commit,
// and points the tarball at target.
func hostileArchiveAPI(t *testing.T, target func(self string) string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/repos/someone/project":
			fmt.Fprint(w, `{"default_branch":"main"}`)
		case r.URL.Path == "/repos/someone/project/commits":
			fmt.Fprintf(w, `[{"sha":"%040d","commit":{"message":"m","author":{"name":"a","date":"2024-01-01T00:00:00Z"}}}]`, 1)
		case strings.HasPrefix(r.URL.Path, "/repos/someone/project/tarball/"):
			http.Redirect(w, r, target(srv.URL), http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// The archive link points at the cloud metadata address: the download is
// refused before any connection, even with the API on loopback.
func TestTheTarballLinkCannotPointAtTheMetadataAddress(t *testing.T) {
	api := hostileArchiveAPI(t, func(string) string { return "http://169.254.169.254/latest/meta-data/" })
	opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": api.URL + "/"}), TokenCommand: noGH, NoCache: true, Timeout: 3 * time.Second}
	start := time.Now()
	_, err := open(t, "someone/project", opts)
	if err == nil || !strings.Contains(err.Error(), "169.254.169.254") || !strings.Contains(err.Error(), "metadata") {
		t.Fatalf("err = %v; want the metadata address refused", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s: the address was dialled, not refused", d)
	}
}

// An API that is not on loopback cannot send the download to loopback;
// the API here answers as api.example.test through a test transport.
func TestTheTarballLinkCannotPointAtLoopbackFromAPublicAPI(t *testing.T) {
	var loopbackHits int
	local := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { loopbackHits++ }))
	defer local.Close()
	api := hostileArchiveAPI(t, func(string) string { return local.URL + "/secret" })
	apiURL, _ := url.Parse(api.URL)
	tr := hostRewrite{from: "api.example.test", to: apiURL.Host}
	opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": "http://api.example.test/"}), TokenCommand: noGH, NoCache: true, Transport: tr}
	_, err := open(t, "someone/project", opts)
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("err = %v; want the loopback download refused", err)
	}
	if loopbackHits != 0 {
		t.Errorf("the loopback server was reached %d times", loopbackHits)
	}
}

// hostRewrite sends requests for one host name to a test server.
type hostRewrite struct{ from, to string }

func (h hostRewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host == h.from {
		req = req.Clone(req.Context())
		req.URL.Host = h.to
	}
	return http.DefaultTransport.RoundTrip(req)
}
