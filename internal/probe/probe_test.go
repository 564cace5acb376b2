package probe

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/rules/facts"
)

func run(t *testing.T, cfg Config) *facts.Live {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	live := Run(ctx, cfg)
	if d := time.Since(start); d > cfg.withDefaults().Budget+2*time.Second {
		t.Errorf("probe took %s, over its budget", d)
	}
	if live == nil {
		t.Fatal("Run returned nil")
	}
	return live
}

func kinds(leaks []facts.Leak) []string {
	var k []string
	for _, l := range leaks {
		if !slices.Contains(k, l.Kind) {
			k = append(k, l.Kind)
		}
	}
	slices.Sort(k)
	return k
}

func TestGoodAPI(t *testing.T) {
	api := newFakeAPI()
	srv := serve(t, api)
	cfg := testConfig(srv.URL)
	cfg.Framework = "fastapi"
	cfg.RepoOperations = []string{"GET /api/books", "POST /api/books", "GET /api/books/{book_id}", "GET /api/users/me", "GET /api/reviews/{review_id}"}
	live := run(t, cfg)

	if !live.Reachable || live.Status != 200 || live.Error != "" {
		t.Fatalf("reachable=%v status=%d error=%q", live.Reachable, live.Status, live.Error)
	}
	if live.HTTPS || live.ColdStart {
		t.Errorf("https=%v cold=%v, want false", live.HTTPS, live.ColdStart)
	}
	if live.HealthPath != "/health" || live.DocsPath != "/docs" || live.SpecURL != srv.URL+"/openapi.json" {
		t.Errorf("health=%q docs=%q spec=%q", live.HealthPath, live.DocsPath, live.SpecURL)
	}
	if live.SpecValid == nil || !*live.SpecValid || live.SpecOperations != 5 {
		t.Errorf("spec valid=%v ops=%d err=%q", live.SpecValid, live.SpecOperations, live.SpecError)
	}
	if live.Conformance.Checked != 2 || live.Conformance.Violations != 0 {
		t.Errorf("conformance = %+v", live.Conformance)
	}
	if live.AuthEnforced == nil || !*live.AuthEnforced || live.AuthChecked != 1 {
		t.Errorf("auth enforced=%v checked=%d failures=%v", live.AuthEnforced, live.AuthChecked, live.AuthFailures)
	}
	if live.NotFoundJSON == nil || !*live.NotFoundJSON || !live.NotFoundProblem || live.NotFoundStatus != 404 {
		t.Errorf("not found: json=%v problem=%v status=%d", live.NotFoundJSON, live.NotFoundProblem, live.NotFoundStatus)
	}
	if len(live.Leaks) != 0 {
		t.Errorf("leaks = %+v", live.Leaks)
	}
	if live.Drift == nil || live.Drift.Against != "openapi" || len(live.Drift.OnlyLive) != 0 || len(live.Drift.OnlyRepo) != 0 {
		t.Errorf("drift = %+v", live.Drift)
	}
	h := live.Headers
	if h == nil || !h.NoSniff || h.HSTS || h.ServerVersion != "" || h.CORS != "none" {
		t.Errorf("headers = %+v", h)
	}
	if live.Requests == 0 || live.Requests != api.count() || live.Requests > MaxRequests {
		t.Errorf("requests = %d, server saw %d", live.Requests, api.count())
	}
	if api.hits["/api/reviews/1"] != 0 || api.hits["/api/books/1"] != 1 {
		t.Errorf("operations called: %v", api.hits)
	}
	t.Logf("good API: %d requests", live.Requests)
	api.assertSafe(t)
}

func TestGoodAPIOverTLS(t *testing.T) {
	api := newFakeAPI()
	srv := newTLSServer(api)
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	cfg := testConfig(srv.URL)
	cfg.RootCAs = pool
	live := run(t, cfg)
	if !live.Reachable || !live.HTTPS || live.TLSError != "" {
		t.Fatalf("reachable=%v https=%v tls=%q err=%q", live.Reachable, live.HTTPS, live.TLSError, live.Error)
	}
	want := int(time.Until(srv.Certificate().NotAfter).Hours() / 24)
	if live.TLSDaysLeft < want-1 || live.TLSDaysLeft > want || live.TLSDaysLeft <= 0 {
		t.Errorf("tls days left = %d, want %d", live.TLSDaysLeft, want)
	}
	if live.Headers == nil || !live.Headers.HSTS {
		t.Errorf("headers = %+v", live.Headers)
	}
	// The test server answers plain HTTP on its TLS port with a 400.
	if live.HTTPRedirect == nil || *live.HTTPRedirect {
		t.Errorf("http redirect = %v, want false", live.HTTPRedirect)
	}
	if live.DocsPath != "/docs" || live.Conformance.Checked != 2 {
		t.Errorf("docs=%q conformance=%+v", live.DocsPath, live.Conformance)
	}
	api.assertSafe(t)
}

func TestTLSUnknownAuthority(t *testing.T) {
	api := newFakeAPI()
	srv := newTLSServer(api)
	t.Cleanup(srv.Close)
	live := run(t, testConfig(srv.URL)) // system roots: the test CA is unknown
	if live.Reachable || !live.HTTPS {
		t.Errorf("reachable=%v https=%v", live.Reachable, live.HTTPS)
	}
	if !strings.Contains(live.TLSError, "unknown authority") || live.Error != live.TLSError {
		t.Errorf("tls error = %q, error = %q", live.TLSError, live.Error)
	}
	if live.Requests != 1 {
		t.Errorf("requests = %d, want 1 (nothing after a refused certificate)", live.Requests)
	}
}

func TestTLSWrongHost(t *testing.T) {
	api := newFakeAPI()
	srv := newTLSServer(api)
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	// The test certificate names 127.0.0.1 and example.com, not localhost.
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	cfg := testConfig("https://localhost:" + port)
	cfg.RootCAs = pool
	live := run(t, cfg)
	if live.Reachable || !strings.Contains(live.TLSError, "not valid for this host") {
		t.Errorf("reachable=%v tls error=%q", live.Reachable, live.TLSError)
	}
}

func TestColdStart(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		sleep  time.Duration
	}{
		{"503 then up", http.StatusServiceUnavailable, 50 * time.Millisecond},
		{"slow first answer", http.StatusOK, 700 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI()
			first := true
			api.override = func(w http.ResponseWriter, r *http.Request) bool {
				api.mu.Lock()
				f := first && r.URL.Path == "/"
				first = first && !f
				api.mu.Unlock()
				if !f {
					return false
				}
				time.Sleep(tc.sleep)
				if tc.status != http.StatusOK {
					w.WriteHeader(tc.status)
					fmt.Fprint(w, "<html>Service waking up</html>")
					return true
				}
				return false
			}
			srv := serve(t, api)
			live := run(t, testConfig(srv.URL))
			if !live.ColdStart || !live.Reachable || live.Status != 200 {
				t.Errorf("cold=%v reachable=%v status=%d", live.ColdStart, live.Reachable, live.Status)
			}
			if live.FirstLatencyMS < tc.sleep.Milliseconds() || live.LatencyMS >= 500 {
				t.Errorf("first latency %d ms, warm latency %d ms", live.FirstLatencyMS, live.LatencyMS)
			}
		})
	}
}

func TestDownIsNotColdStart(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}))
	live := run(t, testConfig(srv.URL))
	if live.Reachable || live.ColdStart || live.Status != 502 || !strings.Contains(live.Error, "502") {
		t.Errorf("reachable=%v cold=%v status=%d error=%q", live.Reachable, live.ColdStart, live.Status, live.Error)
	}
}

func TestLeaks(t *testing.T) {
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Server", "nginx/1.18.0 (Ubuntu)")
		w.Header().Set("X-Powered-By", "Express")
		switch r.URL.Path {
		case "/health":
			w.WriteHeader(500)
			fmt.Fprint(w, `java.lang.NullPointerException: null
	at com.example.bookshelf.service.HealthService.check(HealthService.java:42)
	at org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)`)
			return true
		case "/api/books":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(500)
			fmt.Fprint(w, `<h1>ProgrammingError</h1><pre>Traceback (most recent call last):
  File "/usr/src/app/app/routers/books.py", line 31, in list_books
psycopg2.errors.SyntaxError: syntax error at or near "FROM"</pre>`)
			return true
		case "/", "/docs", "/openapi.json", "/api/books/1", "/api/users/me":
			return false
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(404)
		fmt.Fprint(w, `<html><body><h1>Page not found (404)</h1><p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p></body></html>`)
		return true
	}
	srv := serve(t, api)
	live := run(t, testConfig(srv.URL))
	got := kinds(live.Leaks)
	want := []string{"debug-page", "internal-path", "server-version", "sql-error", "stack-trace"}
	if !slices.Equal(got, want) {
		t.Errorf("leak kinds = %v, want %v (%+v)", got, want, live.Leaks)
	}
	var details []string
	for _, l := range live.Leaks {
		if l.Kind == "server-version" {
			details = append(details, l.Detail)
		}
	}
	// The versioned Server header is a leak; the version-less framework
	// banner is a header finding only.
	if !slices.Equal(details, []string{"Server: nginx/1.18.0 (Ubuntu)"}) {
		t.Errorf("server-version details = %v, want only the versioned Server header", details)
	}
	if live.NotFoundJSON == nil || *live.NotFoundJSON {
		t.Errorf("not found json = %v, want false for an HTML 404", live.NotFoundJSON)
	}
	if live.HealthPath != "" {
		t.Errorf("health = %q for a 500", live.HealthPath)
	}
	if live.Headers.ServerVersion == "" {
		t.Errorf("headers = %+v", live.Headers)
	}
	if live.Conformance.Violations == 0 {
		t.Errorf("an undocumented 500 is a violation: %+v", live.Conformance)
	}
}

func TestNoLeaksInHarmlessText(t *testing.T) {
	for _, body := range []string{
		`{"title":"Traceback of a journey","path":"/api/books","at":"home"}`,
		`{"message":"Look at Object storage for details"}`,
		`{"error":"validation failed","field":"sql"}`,
	} {
		if k := scanBody([]byte(body)); len(k) != 0 {
			t.Errorf("scanBody(%s) = %v", body, k)
		}
	}
	for _, tc := range []struct{ body, kind string }{
		{"TypeError: x is undefined\n    at Object.<anonymous> (/app/src/index.js:12:5)", "stack-trace"},
		{"Error 1064: You have an error in your SQL syntax; check the manual", "sql-error"},
		{"ORA-00942: table or view does not exist", "sql-error"},
		{"<h1>Whitelabel Error Page</h1>", "debug-page"},
		{"<title>TypeError // Werkzeug Debugger</title>", "debug-page"},
		{`open C:\Users\dev\api\config.json: no such file`, "internal-path"},
		{"goroutine 7 [running]:\nmain.handler()", "stack-trace"},
	} {
		if k := scanBody([]byte(tc.body)); !slices.Contains(k, tc.kind) {
			t.Errorf("scanBody(%q) = %v, want %s", tc.body, k, tc.kind)
		}
	}
}

func TestSpecViolated(t *testing.T) {
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/api/books":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `[{"id":"one","name":"Dune"}]`) // id not an integer, title missing
			return true
		case "/api/books/1":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, `Dune`)
			return true
		}
		return false
	}
	srv := serve(t, api)
	live := run(t, testConfig(srv.URL))
	c := live.Conformance
	if c.Checked != 2 || c.Violations != 2 || len(c.Details) != 2 {
		t.Fatalf("conformance = %+v", c)
	}
	joined := strings.Join(c.Details, "\n")
	for _, want := range []string{"GET /api/books answered 200", "GET /api/books/{book_id} answered 200 text/plain", "text/plain"} {
		if !strings.Contains(joined, want) {
			t.Errorf("details lack %q:\n%s", want, joined)
		}
	}
}

func TestAuthNotEnforced(t *testing.T) {
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/api/users/me" {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"email":"admin@example.com"}`)
			return true
		}
		return false
	}
	srv := serve(t, api)
	live := run(t, testConfig(srv.URL))
	if live.AuthEnforced == nil || *live.AuthEnforced || len(live.AuthFailures) != 1 ||
		!strings.Contains(live.AuthFailures[0], "GET /api/users/me answered 200 without credentials") {
		t.Errorf("auth enforced=%v failures=%v", live.AuthEnforced, live.AuthFailures)
	}
}

func TestRepositorySpecStandsIn(t *testing.T) {
	// No live document: the repository's is used for conformance and auth.
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/openapi.json" || r.URL.Path == "/docs" {
			http.NotFound(w, r)
			return true
		}
		return false
	}
	srv := serve(t, api)
	cfg := testConfig(srv.URL)
	cfg.RepoSpec = []byte(goodSpec)
	live := run(t, cfg)
	if live.SpecURL != "" || live.SpecValid != nil || live.DocsPath != "" {
		t.Errorf("spec url=%q valid=%v docs=%q", live.SpecURL, live.SpecValid, live.DocsPath)
	}
	if live.Conformance.Checked != 2 || live.AuthEnforced == nil || !*live.AuthEnforced {
		t.Errorf("conformance=%+v auth=%v", live.Conformance, live.AuthEnforced)
	}
}

func TestDriftAgainstRoutes(t *testing.T) {
	api := newFakeAPI()
	srv := serve(t, api)
	cfg := testConfig(srv.URL)
	cfg.Routes = []string{"GET /api/books", "POST /api/books", "GET /api/books/{id}", "DELETE /api/books/{id}", "GET /api/users/me", "GET /health"}
	live := run(t, cfg)
	d := live.Drift
	if d == nil || d.Against != "routes" {
		t.Fatalf("drift = %+v", d)
	}
	if !slices.Equal(d.OnlyLive, []string{"GET /api/reviews/{}"}) || !slices.Equal(d.OnlyRepo, []string{"DELETE /api/books/{}", "GET /health"}) {
		t.Errorf("drift = %+v", d)
	}
}

func TestRefusedConnection(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	live := run(t, testConfig("http://"+addr))
	if live.Reachable || live.Error != "connection refused" || live.Requests != 1 {
		t.Errorf("reachable=%v error=%q requests=%d", live.Reachable, live.Error, live.Requests)
	}
}

func TestDNSFailure(t *testing.T) {
	cfg := testConfig("https://my-api.vetfolio-test.invalid")
	cfg.RequestTimeout = time.Second
	live := run(t, cfg)
	if live.Reachable || !strings.HasPrefix(live.Error, "DNS lookup") {
		t.Errorf("reachable=%v error=%q", live.Reachable, live.Error)
	}
}

func TestURLIsTheOriginAfterRedirects(t *testing.T) {
	api := newFakeAPI()
	target := serve(t, api)
	hop := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/docs", http.StatusMovedPermanently)
	}))
	live := run(t, testConfig(hop.URL+"/docs"))
	if live.URL != target.URL || live.DocsPath != "/docs" || live.HealthPath != "/health" {
		t.Errorf("url=%q docs=%q health=%q", live.URL, live.DocsPath, live.HealthPath)
	}
}

func TestRedirectLoop(t *testing.T) {
	var srv *httptest.Server
	srv = serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next := "/a"
		if r.URL.Path == "/a" {
			next = "/b"
		}
		http.Redirect(w, r, next, http.StatusFound)
	}))
	live := run(t, testConfig(srv.URL))
	if live.Reachable || !strings.Contains(live.Error, "redirects") {
		t.Errorf("reachable=%v error=%q", live.Reachable, live.Error)
	}
	// The first request and five redirects, then nothing more.
	if live.Requests != 1+MaxRedirects {
		t.Errorf("requests = %d", live.Requests)
	}
}

func TestServerNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	cfg := testConfig(srv.URL)
	cfg.RequestTimeout = 200 * time.Millisecond
	start := time.Now()
	live := run(t, cfg)
	if live.Reachable || !strings.Contains(live.Error, "no complete answer within 200ms") {
		t.Errorf("reachable=%v error=%q", live.Reachable, live.Error)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestTricklingServer(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for i := 0; i < 1000; i++ {
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-release:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	cfg := testConfig(srv.URL)
	cfg.RequestTimeout = 300 * time.Millisecond
	cfg.Budget = 3 * time.Second
	start := time.Now()
	live := run(t, cfg)
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("took %s", d)
	}
	if !slices.ContainsFunc(live.Notes, func(n string) bool { return strings.Contains(n, "incomplete") }) {
		t.Errorf("notes = %v", live.Notes)
	}
}

// endless is a body that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func TestHugeBodies(t *testing.T) {
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/", "/openapi.json":
			w.Header().Set("Content-Type", "application/json")
			if r.URL.Path == "/openapi.json" {
				fmt.Fprint(w, `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},"x-pad":"`)
			}
			_, _ = io.Copy(w, io.LimitReader(endless{}, 10<<30)) // 10 GB, never read in full
			return true
		}
		return false
	}
	srv := serve(t, api)
	cfg := testConfig(srv.URL)
	start := time.Now()
	live := run(t, cfg)
	if !live.Reachable || live.Status != 200 {
		t.Errorf("reachable=%v status=%d err=%q", live.Reachable, live.Status, live.Error)
	}
	if live.SpecValid == nil || *live.SpecValid || !strings.Contains(live.SpecError, "larger than") {
		t.Errorf("spec valid=%v err=%q", live.SpecValid, live.SpecError)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestInvalidAndHostileSpecs(t *testing.T) {
	selfRef := `{"openapi":"3.0.3","info":{"title":"tree","version":"1"},
"paths":{"/api/nodes":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Node"}}}}}}}},
"components":{"schemas":{"Node":{"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/components/schemas/Node"}}}},
"Loop":{"$ref":"#/components/schemas/Loop"}}}}`
	var big strings.Builder
	big.WriteString(`{"openapi":"3.0.3","info":{"title":"big","version":"1"},"paths":{`)
	for i := 0; i < 3000; i++ {
		if i > 0 {
			big.WriteString(",")
		}
		fmt.Fprintf(&big, `"/api/r%d":{"get":{"responses":{"200":{"description":"ok"}}}}`, i)
	}
	big.WriteString("}}")
	for _, tc := range []struct {
		name, spec, ct string
		found          bool
		valid          bool
		errHas         string
	}{
		{"not a document", `{"detail": "Not Found"`, "application/json", false, false, ""},
		{"invalid json", `{"openapi": "3.0.3", "paths": {`, "application/json", true, false, "load"},
		{"invalid document", `{"openapi":"3.0.3","info":{"title":"x"},"paths":{"/a":{"get":{}}}}`, "application/json", true, false, "invalid"},
		{"external ref", `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{"/a":{"$ref":"http://169.254.169.254/latest/meta-data"}}}`, "application/json", true, false, ""},
		{"self-referencing", selfRef, "application/json", true, false, ""},
		{"big", big.String(), "application/json", true, true, ""},
		{"yaml", "openapi: 3.0.3\ninfo:\n  title: y\n  version: '1'\npaths:\n  /api/books:\n    get:\n      responses:\n        '200':\n          description: ok\n", "application/yaml", true, true, ""},
		{"swagger 2", `{"swagger":"2.0","info":{"title":"s","version":"1"},"basePath":"/api","paths":{"/books":{"get":{"produces":["application/json"],"responses":{"200":{"description":"ok","schema":{"type":"array","items":{"type":"object"}}}}}}}}`, "application/json", true, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI()
			api.override = func(w http.ResponseWriter, r *http.Request) bool {
				switch r.URL.Path {
				case "/openapi.json":
					w.Header().Set("Content-Type", tc.ct)
					fmt.Fprint(w, tc.spec)
					return true
				case "/api/nodes":
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprint(w, `{"name":"root","children":[{"name":"leaf","children":[]}]}`)
					return true
				}
				return false
			}
			srv := serve(t, api)
			live := run(t, testConfig(srv.URL))
			if (live.SpecURL != "") != tc.found {
				t.Fatalf("spec url = %q, found want %v", live.SpecURL, tc.found)
			}
			if !tc.found {
				return
			}
			if live.SpecValid == nil || *live.SpecValid != tc.valid || !strings.Contains(live.SpecError, tc.errHas) {
				t.Errorf("valid=%v err=%q", live.SpecValid, live.SpecError)
			}
			if tc.name == "external ref" && api.hits["/latest/meta-data"] != 0 {
				t.Error("followed an external ref")
			}
			t.Logf("%s: valid=%v err=%q conformance=%+v", tc.name, *live.SpecValid, live.SpecError, live.Conformance)
		})
	}
}

func TestCredentialsNeverEchoed(t *testing.T) {
	api := newFakeAPI()
	srv := serve(t, api)
	u := strings.Replace(srv.URL, "http://", "http://deploy:s3cr3t-t0ken@", 1)
	live := run(t, testConfig(u))
	b, _ := json.Marshal(live)
	if strings.Contains(string(b), "s3cr3t") || strings.Contains(string(b), "deploy:") {
		t.Errorf("credentials echoed: %s", b)
	}
	if !live.Reachable || live.URL != srv.URL {
		t.Errorf("reachable=%v url=%q", live.Reachable, live.URL)
	}
	api.assertSafe(t) // no Authorization header either

	// Errors do not echo them either.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	live = run(t, testConfig("http://user:hunter2@"+addr+"/"))
	if b, _ := json.Marshal(live); strings.Contains(string(b), "hunter2") {
		t.Errorf("credentials echoed: %s", b)
	}
	if got := redact("redirect to https://u:p@evil.example/x failed"); got != "redirect to https://***@evil.example/x failed" {
		t.Errorf("redact = %q", got)
	}
}

func TestPrivateAddressRefusedForDiscoveredURL(t *testing.T) {
	api := newFakeAPI()
	srv := serve(t, api)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, u := range []string{srv.URL, "http://localhost:" + port} {
		cfg := testConfig(u)
		cfg.UserGiven = false
		live := run(t, cfg)
		if live.Reachable || !strings.Contains(live.Error, "loopback address") || !strings.Contains(live.Error, "--allow-private") {
			t.Errorf("%s: reachable=%v error=%q", u, live.Reachable, live.Error)
		}
	}
	if n := api.count(); n != 0 {
		t.Fatalf("server saw %d requests from a refused probe", n)
	}
	cfg := testConfig(srv.URL)
	cfg.UserGiven, cfg.AllowPrivate = false, true
	if live := run(t, cfg); !live.Reachable {
		t.Errorf("--allow-private: reachable=false, error=%q", live.Error)
	}
	if live := run(t, testConfig(srv.URL)); !live.Reachable {
		t.Errorf("user-given: reachable=false, error=%q", live.Error)
	}
}

func TestRedirectToPrivateRefused(t *testing.T) {
	// A discovered URL allowed to reach one private server (AllowPrivate
	// is off) cannot be tested without a public address; the dialer check
	// is exercised directly instead: every hop goes through guard.
	target := serve(t, newFakeAPI())
	hop := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/", http.StatusFound)
	}))
	c := newClient(Config{UserGiven: false}.withDefaults())
	defer c.close()
	r := c.do(context.Background(), http.MethodGet, mustParse(t, hop.URL), nil, true)
	if r.err == nil || !strings.Contains(describe(r.err, time.Second), "refused to connect") {
		t.Errorf("err = %v", r.err)
	}
}

func TestGuardClassifies(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1":          "loopback",
		"::1":                "loopback",
		"10.1.2.3":           "private",
		"172.16.0.1":         "private",
		"192.168.1.10":       "private",
		"fd12::1":            "private",
		"169.254.169.254":    "metadata",
		"fd00:ec2::254":      "metadata",
		"169.254.10.1":       "link-local",
		"fe80::1":            "link-local",
		"100.64.0.1":         "cgnat",
		"100.100.100.200":    "cgnat",
		"0.0.0.0":            "unspecified",
		"::":                 "unspecified",
		"::ffff:127.0.0.1":   "loopback",
		"::ffff:10.0.0.1":    "private",
		"64:ff9b::a9fe:a9fe": "metadata",
		"239.1.2.3":          "multicast",
		"255.255.255.255":    "reserved",
		"8.8.8.8":            "",
		"2606:4700::1111":    "",
		"151.101.1.69":       "",
	} {
		err := guard("tcp", net.JoinHostPort(addr, "443"), nil)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s refused: %v", addr, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), "("+want+" address)")):
			t.Errorf("%s: err = %v, want %s", addr, err, want)
		}
	}
}

func TestMethodWhitelistAndCap(t *testing.T) {
	api := newFakeAPI()
	srv := serve(t, api)
	c := newClient(testConfig(srv.URL).withDefaults())
	defer c.close()
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if r := c.do(context.Background(), m, mustParse(t, srv.URL+"/api/books"), nil, true); r.err == nil || !strings.Contains(r.err.Error(), "only sends GET, HEAD and OPTIONS") {
			t.Errorf("%s: err = %v", m, r.err)
		}
	}
	if api.count() != 0 {
		t.Errorf("server saw %d requests", api.count())
	}

	cfg := testConfig(srv.URL)
	cfg.MaxRequests = 5
	live := run(t, cfg)
	if live.Requests != 5 || api.count() != 5 {
		t.Errorf("requests = %d, server saw %d, want 5", live.Requests, api.count())
	}
	if !slices.ContainsFunc(live.Notes, func(n string) bool { return strings.Contains(n, "request cap (5)") }) {
		t.Errorf("notes = %v", live.Notes)
	}
	cfg.MaxRequests = 400 // never above 40
	if got := cfg.withDefaults().MaxRequests; got != MaxRequests {
		t.Errorf("max requests = %d", got)
	}
	api.assertSafe(t)
}

func TestPlatform(t *testing.T) {
	for host, want := range map[string]string{
		"bookshelf-api.onrender.com":         "render",
		"bookshelf.fly.dev":                  "fly",
		"web-production-1a2b.up.railway.app": "railway",
		"bookshelf-4f2a.herokuapp.com":       "heroku",
		"api-xyz-uc.a.run.app":               "cloud-run",
		"example.com":                        "",
		"onrender.com.evil.example":          "",
	} {
		if got := platformOf(host, nil); got != want {
			t.Errorf("platformOf(%s) = %q, want %q", host, got, want)
		}
	}
	if got := platformOf("api.example.com", http.Header{"Fly-Request-Id": {"01H"}}); got != "fly" {
		t.Errorf("fly header: %q", got)
	}
}

func TestCORSWildcardWithCredentials(t *testing.T) {
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		if o := r.Header.Get("Origin"); o != "" {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		w.Header().Set("X-RateLimit-Limit", "100")
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return true
		}
		return false
	}
	srv := serve(t, api)
	live := run(t, testConfig(srv.URL))
	h := live.Headers
	if h.CORS != "reflects-origin" || !h.CORSCredentials || !h.RateLimit {
		t.Errorf("headers = %+v", h)
	}
	if api.methods[http.MethodOptions] != 1 {
		t.Errorf("methods = %v", api.methods)
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
