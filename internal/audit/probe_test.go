package audit

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/rules"
)

// bookshelfSpec is the fixture project's committed document, and what its
// fixture server serves at /openapi.json.
const bookshelfSpec = `{
  "openapi": "3.0.3",
  "info": {"title": "Bookshelf API", "version": "1.0.0"},
  "paths": {
    "/api/books": {
      "get": {"summary": "List books", "responses": {"200": {"description": "Books",
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Book"}}}}}}},
      "post": {"summary": "Create a book", "security": [{"bearerAuth": []}],
        "responses": {"201": {"description": "Created"}, "401": {"description": "Unauthorized"}}}
    },
    "/api/users/me": {
      "get": {"summary": "Current user", "security": [{"bearerAuth": []}],
        "responses": {"200": {"description": "The user"}, "401": {"description": "Unauthorized"}}}
    },
    "/health": {"get": {"summary": "Health", "responses": {"200": {"description": "ok"}}}}
  },
  "components": {
    "schemas": {"Book": {"type": "object", "required": ["id", "title"],
      "properties": {"id": {"type": "integer"}, "title": {"type": "string"}}}},
    "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
  }
}`

const bookshelfMain = `from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer

app = FastAPI(title="Bookshelf API")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token")


def get_current_user(token: str = Depends(oauth2_scheme)):
    if not token:
        raise HTTPException(status_code=401, detail="Not authenticated")
    return {"email": "reader@example.com"}


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/api/books")
def list_books():
    return [{"id": 1, "title": "Dune"}]


@app.post("/api/books", status_code=201)
def create_book(user=Depends(get_current_user)):
    return {"id": 2, "title": "Emma"}


@app.get("/api/users/me")
def me(user=Depends(get_current_user)):
    return user
`

// bookshelfServer plays the fixture project deployed; it records the
// methods it saw.
func bookshelfServer(t *testing.T) (*httptest.Server, func() map[string]int) {
	var mu sync.Mutex
	methods := map[string]int{}
	mux := http.NewServeMux()
	js := func(w http.ResponseWriter, status int, body string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { js(w, 200, `{"name":"bookshelf"}`) })
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) { js(w, 200, `{"status":"ok"}`) })
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) { js(w, 200, bookshelfSpec) })
	mux.HandleFunc("GET /docs", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Bookshelf API - Swagger UI</title></head><body><div id="swagger-ui"></div></body></html>`)
	})
	mux.HandleFunc("GET /api/books", func(w http.ResponseWriter, r *http.Request) { js(w, 200, `[{"id":1,"title":"Dune"}]`) })
	mux.HandleFunc("GET /api/users/me", func(w http.ResponseWriter, r *http.Request) { js(w, 401, `{"detail":"Not authenticated"}`) })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { js(w, 404, `{"detail":"Not Found"}`) })
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		methods[r.Method]++
		mu.Unlock()
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Strict-Transport-Security", "max-age=63072000")
		mux.ServeHTTP(w, r)
	}))
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		out := map[string]int{}
		for k, v := range methods {
			out[k] = v
		}
		return out
	}
}

func bookshelfRepo(t *testing.T) string {
	return fixture.Repo(t, "", []fixture.Commit{
		{Message: "Start the Bookshelf API with FastAPI", Files: map[string]string{
			"requirements.txt": "fastapi==0.115.0\nuvicorn[standard]==0.30.6\npython-jose[cryptography]==3.3.0\n",
			"app/main.py":      bookshelfMain,
		}},
		{Message: "Document the API with a committed OpenAPI document", Files: map[string]string{
			"openapi.json": bookshelfSpec,
			"README.md":    "# Bookshelf API\n\nA REST API for a reading list.\n\n## Setup\n\n```\npip install -r requirements.txt\nuvicorn app.main:app\n```\n",
		}},
	})
}

func checkResults(sc *rules.Scorecard) map[string]rules.CheckResult {
	m := map[string]rules.CheckResult{}
	for _, c := range sc.Criteria {
		for _, k := range c.Checks {
			m[k.ID] = k
		}
	}
	return m
}

func status(k rules.CheckResult) string {
	switch {
	case k.Skipped:
		return "skip"
	case k.Passed:
		return "pass"
	}
	return "fail"
}

// TestAuditWithLiveProbe audits a fixture repository together with its
// running fixture server, end to end through Run.
func TestAuditWithLiveProbe(t *testing.T) {
	dir := bookshelfRepo(t)
	srv, methods := bookshelfServer(t)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sc, err := Run(ctx, Request{
		Target: dir, URL: srv.URL, Profile: mustProfile(t), Version: "test", RootCAs: pool,
		ProbeTimeout: 2 * time.Second, ProbeBudget: 10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	l := sc.Facts.Live
	if l == nil {
		t.Fatalf("no live facts; notes: %v", sc.Notes)
	}
	if !l.Reachable || !l.HTTPS || l.TLSDaysLeft <= 0 || l.Status != 200 {
		t.Errorf("live = reachable %v https %v days %d status %d error %q", l.Reachable, l.HTTPS, l.TLSDaysLeft, l.Status, l.Error)
	}
	if l.HealthPath != "/health" || l.DocsPath != "/docs" || l.SpecURL != srv.URL+"/openapi.json" {
		t.Errorf("health %q docs %q spec %q", l.HealthPath, l.DocsPath, l.SpecURL)
	}
	if l.AuthEnforced == nil || !*l.AuthEnforced || l.Conformance.Checked != 2 || l.Conformance.Violations != 0 {
		t.Errorf("auth %v conformance %+v", l.AuthEnforced, l.Conformance)
	}
	if l.Drift == nil || l.Drift.Against != "openapi" || len(l.Drift.OnlyLive)+len(l.Drift.OnlyRepo) != 0 {
		t.Errorf("drift %+v", l.Drift)
	}
	if l.Requests == 0 || l.Requests > 40 {
		t.Errorf("requests = %d", l.Requests)
	}
	t.Logf("end-to-end audit: %d probe requests", l.Requests)
	for m := range methods() {
		if m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions {
			t.Errorf("server saw %s", m)
		}
	}
	if !strings.Contains(strings.Join(sc.Notes, "\n"), "given with --url") {
		t.Errorf("notes do not say where the URL came from: %v", sc.Notes)
	}
	checks := checkResults(sc)
	for id, want := range map[string]string{
		"deployment.live":             "pass",
		"deployment.https":            "pass",
		"deployment.security-headers": "pass",
		"api-docs.live":               "pass",
		"api-docs.live-conformance":   "pass",
		"api-docs.live-drift":         "pass",
		"auth.live-enforced":          "pass",
		"errors.live-json-404":        "pass",
		"errors.no-leaks":             "pass",
	} {
		k, ok := checks[id]
		if !ok {
			t.Errorf("%s: not in the scorecard", id)
			continue
		}
		if got := status(k); got != want {
			t.Errorf("%s: %s (%s), want %s", id, got, k.Message, want)
		}
	}
	for _, c := range sc.Criteria {
		if c.ID == "deployment" && c.Status == rules.StatusSkipped {
			t.Errorf("deployment criterion skipped with a live probe")
		}
	}
	// The JSON contract carries the probe's facts under facts.live.
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Facts struct {
			Live map[string]any `json:"live"`
		} `json:"facts"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"url", "reachable", "status", "https", "tls_days_left", "latency_ms", "health_path", "docs_path", "spec_url", "auth_enforced", "leaks", "conformance", "requests"} {
		if _, ok := doc.Facts.Live[key]; !ok {
			t.Errorf("facts.live lacks %q", key)
		}
	}
}

func TestAuditOfflineSkipsTheProbe(t *testing.T) {
	dir := bookshelfRepo(t)
	srv, methods := bookshelfServer(t)
	sc, err := Run(context.Background(), Request{Target: dir, URL: srv.URL, Profile: mustProfile(t), Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	if sc.Facts.Live != nil || len(methods()) != 0 {
		t.Fatalf("probe ran offline: %+v %v", sc.Facts.Live, methods())
	}
	if k := checkResults(sc)["deployment.live"]; !k.Skipped || !strings.Contains(k.Message, "--offline") {
		t.Errorf("deployment.live = %+v, want skipped for --offline", k)
	}
}

func TestAuditNeverEchoesURLCredentials(t *testing.T) {
	dir := bookshelfRepo(t)
	srv, _ := bookshelfServer(t)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	u := strings.Replace(srv.URL, "https://", "https://admin:pa55w0rd@", 1)
	for _, offline := range []bool{false, true} {
		sc, err := Run(context.Background(), Request{Target: dir, URL: u, Profile: mustProfile(t), Offline: offline, RootCAs: pool,
			ProbeTimeout: 2 * time.Second, ProbeBudget: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(sc)
		if strings.Contains(string(b), "pa55w0rd") {
			t.Errorf("offline=%v: the report echoes the password", offline)
		}
	}
}

func mustProfile(t *testing.T) rules.Profile {
	t.Helper()
	p, err := rules.LookupProfile(rules.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// On a machine with no network the live checks are skipped with the
// reason, not failed with advice to fix a crash; where other names
// resolve, a deployed host that does not is a real failure.
func TestNoNetworkSkipsTheLiveChecks(t *testing.T) {
	dir := bookshelfRepo(t)
	defer func(orig func(context.Context, string) ([]string, error)) { lookupHost = orig }(lookupHost)
	for _, network := range []bool{false, true} {
		lookupHost = func(context.Context, string) ([]string, error) {
			if network {
				return []string{"93.184.215.14"}, nil
			}
			return nil, &net.DNSError{Err: "no such host", IsNotFound: true}
		}
		sc, err := Run(context.Background(), Request{Target: dir, URL: "https://bookshelf.invalid", Profile: mustProfile(t),
			ProbeTimeout: 2 * time.Second, ProbeBudget: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		k := checkResults(sc)["deployment.live"]
		if !network && (!k.Skipped || !strings.Contains(k.Message, "could not check: no network here")) {
			t.Errorf("no network: deployment.live = %+v, want skipped", k)
		}
		if network && (k.Skipped || k.Passed) {
			t.Errorf("network up, host unknown: deployment.live = %+v, want failed", k)
		}
	}
}
