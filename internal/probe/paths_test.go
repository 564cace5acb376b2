package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestRouteCandidates(t *testing.T) {
	routes := []string{"GET /api/books", "GET /healthcheck", "POST /health", "GET /api/v1/status/db", "GET /api/v1/status",
		"GET /schema", "GET /api/schema/swagger-ui", "GET /users/{id}/health", "GET /swagger"}
	health, docs, spec := routeCandidates(routes, "django")
	if want := []string{"/healthcheck/", "/api/v1/status/"}; !slices.Equal(health, want) {
		t.Errorf("health = %v, want %v (GET only, no parameters, Django's slash, shortest first)", health, want)
	}
	if want := []string{"/swagger/", "/api/schema/swagger-ui/"}; !slices.Equal(docs, want) {
		t.Errorf("docs = %v, want %v", docs, want)
	}
	if want := []string{"/schema/"}; !slices.Equal(spec, want) {
		t.Errorf("spec = %v, want %v", spec, want)
	}
	health, _, _ = routeCandidates([]string{"GET /healthcheck"}, "chi")
	if !slices.Equal(health, []string{"/healthcheck"}) {
		t.Errorf("chi health = %v, want no slash added", health)
	}
}

func TestPathsForPutsTheRepositoryFirst(t *testing.T) {
	c := pathsFor(Config{Framework: "express", HealthPath: "/api/v1/ping", Routes: []string{"GET /healthcheck", "GET /openapi"}})
	if c.health[0] != "/api/v1/ping" || c.health[1] != "/healthcheck" || c.health[2] != "/health" {
		t.Errorf("health = %v", c.health)
	}
	if c.spec[0] != "/openapi" || c.spec[1] != "/api-docs.json" {
		t.Errorf("spec = %v, want the route, then Express's defaults", c.spec)
	}
	for _, l := range [][]string{c.health, c.docs, c.spec} {
		if slices.Contains(l, "/") {
			t.Errorf("%v includes /, which the probe asks for once, first", l)
		}
	}
}

func TestPageSpecURLs(t *testing.T) {
	base, _ := url.Parse("http://127.0.0.1:8080/docs/")
	cases := []struct {
		name, page string
		want       []string
	}{
		{"swagger ui url", `SwaggerUIBundle({ url: "/docs/books-api.yaml", dom_id: '#swagger-ui' })`, []string{"/docs/books-api.yaml"}},
		{"relative url", `SwaggerUIBundle({url: 'spec.json'})`, []string{"/docs/spec.json"}},
		{"urls list", `SwaggerUIBundle({urls: [{url: "/v1/openapi.json", name: "v1"}, {url: "/v2/openapi.json", name: "v2"}]})`, []string{"/v1/openapi.json", "/v2/openapi.json"}},
		{"redoc", `<redoc spec-url="/api/schema/"></redoc>`, []string{"/api/schema/"}},
		{"redoc init", `Redoc.init('/openapi.yaml', {}, el)`, []string{"/openapi.yaml"}},
		{"another host", `SwaggerUIBundle({url: "https://petstore.swagger.io/v2/swagger.json"})`, nil},
		{"scripts are not documents", `SwaggerUIBundle({url: "/docs/init.js"})`, nil},
		{"oauth redirect is not url", `SwaggerUIBundle({oauth2RedirectUrl: "/docs/oauth2-redirect.html"})`, nil},
	}
	for _, c := range cases {
		var got []string
		for _, u := range pageSpecURLs([]byte(c.page), base, base.Host) {
			got = append(got, u.RequestURI())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestSpecNamedByDocsPage is a Go service whose document is a static file
// only its Swagger UI page names.
func TestSpecNamedByDocsPage(t *testing.T) {
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/openapi.json":
			http.NotFound(w, r)
			return true
		case "/docs":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><script>SwaggerUIBundle({url: "/static/api.json"})</script></html>`)
			return true
		case "/static/api.json":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, goodSpec)
			return true
		}
		return false
	}
	srv := serve(t, api)
	live := run(t, testConfig(srv.URL))
	if live.SpecURL != srv.URL+"/static/api.json" {
		t.Errorf("spec = %q, want the one the docs page names", live.SpecURL)
	}
	if live.Requests > MaxRequests {
		t.Errorf("%d requests", live.Requests)
	}
}

// TestRootAskedOnce: a healthy service is asked for / once.
func TestRootAskedOnce(t *testing.T) {
	api := newFakeAPI()
	live := run(t, testConfig(serve(t, api).URL))
	n := 0
	api.mu.Lock()
	for _, r := range api.requests {
		if r.Method == http.MethodGet && r.URL.Path == "/" {
			n++
		}
	}
	api.mu.Unlock()
	if n != 1 {
		t.Errorf("GET / sent %d times, want 1", n)
	}
	if live.ColdStart {
		t.Error("cold start without a second answer")
	}
}

// TestHeadersJudgedOnJSONAnswers is Express without helmet: its own HTML
// 404 at / carries nosniff, the API's JSON answers do not.
func TestHeadersJudgedOnJSONAnswers(t *testing.T) {
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("X-Powered-By", "Express")
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(404)
			fmt.Fprint(w, strings.Replace(express404, "/nope", "/", 1))
			return true
		}
		w.Header().Del("X-Content-Type-Options")
		return false
	}
	live := run(t, testConfig(serve(t, api).URL))
	h := live.Headers
	if h == nil || h.NoSniff {
		t.Fatalf("headers = %+v, want no nosniff: the JSON answers lack it", h)
	}
	if slices.Contains(h.JudgedOn, "/") || !slices.Contains(h.JudgedOn, "/api/books") {
		t.Errorf("judged on %v, want the JSON answers, not the HTML root", h.JudgedOn)
	}
	if h.JudgedOn[0] != "/api/books" {
		t.Errorf("judged on %v, want the successful JSON answers first, sorted", h.JudgedOn)
	}
	if h.ServerVersion != "X-Powered-By: Express" {
		t.Errorf("server version = %q", h.ServerVersion)
	}
	for _, l := range live.Leaks {
		if l.Kind == "server-version" {
			t.Errorf("version-less banner reported as a leak: %+v", l)
		}
	}
}

func TestLeaksSorted(t *testing.T) {
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/" || r.URL.Path == "/openapi.json" || r.URL.Path == "/docs" {
			return false
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(404)
		fmt.Fprint(w, `<p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>`)
		return true
	}
	srv := serve(t, api)
	var first []string
	for i := range 3 {
		live := run(t, testConfig(srv.URL))
		var got []string
		for _, l := range live.Leaks {
			got = append(got, l.Kind+" "+l.Path)
		}
		if i == 0 {
			first = got
			if len(got) != 3 || !slices.IsSorted(got) {
				t.Fatalf("leaks = %v, want three, sorted", got)
			}
		} else if !slices.Equal(got, first) {
			t.Errorf("run %d: %v, first run %v", i, got, first)
		}
	}
}

// TestAuthenticatedLook: the user's header goes with the secured
// operations only, never with anything else, and never into the result.
func TestAuthenticatedLook(t *testing.T) {
	const secret = "Bearer s3cr3t-value-7781"
	api := newFakeAPI()
	srv := serve(t, api)
	cfg := testConfig(srv.URL)
	cfg.AuthHeaders = http.Header{"Authorization": {secret}}
	live := run(t, cfg)
	if !live.Authenticated || live.Conformance.Authenticated != 1 || live.AuthRefused != 1 {
		t.Errorf("authenticated=%v conformance=%+v refused=%d", live.Authenticated, live.Conformance, live.AuthRefused)
	}
	api.mu.Lock()
	var with []string
	for _, r := range api.requests {
		if r.Header.Get("Authorization") != "" {
			with = append(with, r.Method+" "+r.URL.Path)
		}
	}
	api.mu.Unlock()
	if !slices.Equal(with, []string{"GET /api/users/me"}) {
		t.Errorf("credentials sent with %v, want only the secured operation", with)
	}
	js, _ := json.Marshal(live)
	if strings.Contains(string(js), "s3cr3t") {
		t.Error("the credential is in the result")
	}
}

// TestCredentialsNotSentAcrossHosts: a secured operation that redirects
// to another host does not get the header there.
func TestCredentialsNotSentAcrossHosts(t *testing.T) {
	other := newFakeAPI()
	otherSrv := serve(t, other)
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/api/users/me" && r.Header.Get("Authorization") != "" {
			http.Redirect(w, r, otherSrv.URL+"/api/users/me", http.StatusFound)
			return true
		}
		return false
	}
	cfg := testConfig(serve(t, api).URL)
	cfg.AuthHeaders = http.Header{"Authorization": {"Bearer s3cr3t"}}
	run(t, cfg)
	if other.hits["/api/users/me"] == 0 {
		t.Fatal("the redirect was not followed; the test proves nothing")
	}
	other.assertSafe(t) // fails on any Authorization header
}

// TestRedirectedOriginGetsNoCredentials: when the base URL moves the probe
// to another host, the credentials stay home.
func TestRedirectedOriginGetsNoCredentials(t *testing.T) {
	other := newFakeAPI()
	otherSrv := serve(t, other)
	front := serve(t, http.RedirectHandler(otherSrv.URL+"/", http.StatusMovedPermanently))
	cfg := testConfig(front.URL)
	cfg.AuthHeaders = http.Header{"Authorization": {"Bearer s3cr3t"}}
	live := run(t, cfg)
	if live.Authenticated {
		t.Error("credentials used on the host a redirect led to")
	}
	if !slices.ContainsFunc(live.Notes, func(n string) bool { return strings.Contains(n, "were not used: the service moved to another host") }) {
		t.Errorf("notes = %q, want one saying why the credentials were not used", live.Notes)
	}
	other.assertSafe(t)
}

func TestGatewayInFront(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="staging"`)
		http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
	}))
	live := run(t, testConfig(srv.URL))
	if !live.AuthGateway || live.AuthEnforced != nil {
		t.Errorf("gateway=%v enforced=%v, want a gateway and no verdict on the API's own auth", live.AuthGateway, live.AuthEnforced)
	}
	api := newFakeAPI()
	if l := run(t, testConfig(serve(t, api).URL)); l.AuthGateway {
		t.Error("an API with one secured operation reported as a gateway")
	}
}

func TestForbiddenCountsAsRefusal(t *testing.T) {
	api := newFakeAPI()
	api.override = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/api/users/me" {
			// FastAPI's HTTPBearer answers a missing header with 403.
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"detail":"Not authenticated"}`)
			return true
		}
		return false
	}
	live := run(t, testConfig(serve(t, api).URL))
	if live.AuthEnforced == nil || !*live.AuthEnforced || live.AuthRefused != 1 {
		t.Errorf("enforced=%v refused=%d", live.AuthEnforced, live.AuthRefused)
	}
}

func TestSpecErrorsListsSeveral(t *testing.T) {
	doc := `{"openapi":"3.0.0","info":{"title":"x","version":"1"},"paths":{
	"/a":{"get":{"operationId":"x","responses":{"200":{"description":"ok"}}}},
	"/b":{"get":{"operationId":"x","responses":{"200":{"description":"ok"}}}},
	"/c/{id}":{"get":{"responses":{"200":{"description":"ok"}}}},
	"/d":{"get":{"produces":["application/json"],"responses":{"200":{"description":"ok"}}}}}}`
	d, err := loadSpec(context.Background(), []byte(doc))
	if err == nil {
		t.Fatal("an invalid document validated")
	}
	errs := specErrors(context.Background(), d, err)
	text := strings.Join(errs, "\n")
	if len(errs) != maxSpecErrors {
		t.Errorf("%d errors, want %d:\n%s", len(errs), maxSpecErrors, text)
	}
	for _, w := range []string{"must define exactly all path parameters", "extra sibling fields: [produces]", "same operation id"} {
		if !strings.Contains(text, w) {
			t.Errorf("errors lack %q:\n%s", w, text)
		}
	}
}
