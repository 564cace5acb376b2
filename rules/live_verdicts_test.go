package rules

import (
	"strings"
	"testing"
)

// runLive runs the check with id on f and returns its result and the fix
// steps the scorecard would show.
func runLive(t *testing.T, id string, f *Facts) (Result, []string) {
	t.Helper()
	_, k := Lookup(id)
	if k == nil {
		t.Fatalf("no check %s", id)
	}
	r := k.Run(f)
	steps := r.Steps
	if len(steps) == 0 {
		steps = k.Fix(f.Stack)
	}
	return r, steps
}

func liveFacts(fw string, l Live) *Facts {
	l.URL, l.Reachable, l.Status = "http://127.0.0.1:8000", true, 200
	lang := map[string]string{"fastapi": "python", "django": "python", "express": "javascript", "nestjs": "typescript", "chi": "go"}[fw]
	return &Facts{Stack: Stack{Language: lang, Framework: fw}, Live: &l,
		OpenAPI: OpenAPI{Kind: "generated", Generator: fw, Valid: true},
		Auth:    Auth{Kind: "jwt"}}
}

func verdict(r Result) string {
	switch {
	case r.Skipped:
		return "skip"
	case r.Passed:
		return "pass"
	}
	return "fail"
}

func TestLiveSpecValidity(t *testing.T) {
	no, yes := false, true
	for _, tc := range []struct {
		fw, err string
		want    string
		step    string
	}{
		{"fastapi", `invalid: invalid paths: operations "GET /api/books" and "GET /api/authors" have the same operation id "list_all"`, "fail", "operation_id="},
		{"nestjs", `invalid: invalid paths: operation GET /api/tasks/{taskId}/notes must define exactly all path parameters (missing: [taskId])`, "fail", "@ApiParam"},
		{"express", `invalid: invalid paths: invalid path /api/notes/count: invalid operation GET: extra sibling fields: [produces]`, "fail", "content: { application/json"},
		{"chi", `invalid: invalid paths: operation GET /a/{id} must define exactly all path parameters (missing: [id])`, "fail", "// @Param id path"},
	} {
		f := liveFacts(tc.fw, Live{SpecURL: "http://127.0.0.1:8000/openapi.json", SpecValid: &no, SpecError: tc.err, SpecErrors: []string{tc.err}})
		r, steps := runLive(t, "api-docs.valid", f)
		if verdict(r) != tc.want || !strings.Contains(r.Message, "seen live") || !strings.Contains(r.Message, tc.err) {
			t.Errorf("%s: %s %q", tc.fw, verdict(r), r.Message)
		}
		if !strings.Contains(strings.Join(steps, "\n"), tc.step) {
			t.Errorf("%s: steps lack %q: %v", tc.fw, tc.step, steps)
		}
	}
	f := liveFacts("fastapi", Live{SpecURL: "http://127.0.0.1:8000/openapi.json", SpecValid: &yes})
	if r, _ := runLive(t, "api-docs.valid", f); verdict(r) != "pass" || !strings.Contains(r.Message, "seen live") {
		t.Errorf("valid live document: %s %q", verdict(r), r.Message)
	}
	// Without a live document the repository's stands, as before.
	f = liveFacts("fastapi", Live{})
	if r, _ := runLive(t, "api-docs.valid", f); verdict(r) != "pass" || !strings.Contains(r.Message, "follows the framework") {
		t.Errorf("no live document: %s %q", verdict(r), r.Message)
	}
}

func TestBannerAdvice(t *testing.T) {
	// A versioned header is a leak with the header's own fix.
	f := liveFacts("express", Live{Leaks: []Leak{{Path: "/", Kind: "server-version", Detail: "Server: nginx/1.18.0"}}})
	r, steps := runLive(t, "errors.no-leaks", f)
	if verdict(r) != "fail" || !strings.Contains(r.Message, "Server: nginx/1.18.0") {
		t.Errorf("no-leaks: %s %q", verdict(r), r.Message)
	}
	if s := strings.Join(steps, "\n"); !strings.Contains(s, "server_tokens off") || strings.Contains(s, "NODE_ENV") {
		t.Errorf("steps for a version header: %v", steps)
	}
	// A stack trace keeps the debug-mode advice.
	f = liveFacts("express", Live{Leaks: []Leak{{Path: "/x", Kind: "stack-trace"}, {Path: "/", Kind: "server-version", Detail: "Server: nginx/1.18.0"}}})
	if _, steps := runLive(t, "errors.no-leaks", f); !strings.Contains(strings.Join(steps, "\n"), "NODE_ENV=production") {
		t.Errorf("steps for a stack trace: %v", steps)
	}
	for banner, want := range map[string]string{
		"X-Powered-By: Express": "app.disable('x-powered-by')",
		"Server: uvicorn":       "--no-server-header",
		"Server: nginx/1.25.3":  "server_tokens off",
	} {
		f := liveFacts("fastapi", Live{Headers: &LiveHeaders{NoSniff: true, ServerVersion: banner, JudgedOn: []string{"/api/books"}}})
		r, steps := runLive(t, "deployment.security-headers", f)
		if verdict(r) != "fail" || !strings.Contains(r.Message, "judged on the answers of /api/books") {
			t.Errorf("%s: %s %q", banner, verdict(r), r.Message)
		}
		if len(steps) != 1 || !strings.Contains(steps[0], want) {
			t.Errorf("%s: steps %v, want only the header's fix %q", banner, steps, want)
		}
	}
}

func TestConformanceAdviceFitsTheRoute(t *testing.T) {
	f := liveFacts("fastapi", Live{Conformance: Conformance{Checked: 3, Violations: 1, HTMLAnswers: []string{"GET /"},
		Details: []string{"GET / answered 200 text/html: response header Content-Type has unexpected value"}}})
	r, steps := runLive(t, "api-docs.live-conformance", f)
	s := strings.Join(steps, "\n")
	if verdict(r) != "fail" || !strings.Contains(s, "response_class=HTMLResponse") || !strings.Contains(s, "include_in_schema=False") || strings.Contains(s, "response_model") {
		t.Errorf("%s %q: %v", verdict(r), r.Message, steps)
	}
	f.Live.Conformance.HTMLAnswers = nil
	if _, steps := runLive(t, "api-docs.live-conformance", f); !strings.Contains(strings.Join(steps, "\n"), "response_model") {
		t.Errorf("a JSON mismatch lost the response_model advice: %v", steps)
	}
}

func TestDriftSkipSaysWhy(t *testing.T) {
	f := liveFacts("fastapi", Live{SpecURL: "http://127.0.0.1:8000/openapi.json", SpecOperations: 4})
	r, _ := runLive(t, "api-docs.live-drift", f)
	if verdict(r) != "skip" || strings.Contains(r.Message, "no live OpenAPI") || !strings.Contains(r.Message, "no routes were found") {
		t.Errorf("%s %q", verdict(r), r.Message)
	}
}

func TestLiveBeatsStatic(t *testing.T) {
	// The code reading found no CORS; the deployment answered with *.
	f := liveFacts("chi", Live{Headers: &LiveHeaders{NoSniff: true, CORS: "wildcard", CORSSeenOn: "/"}})
	if r, _ := runLive(t, "security.cors-no-wildcard", f); verdict(r) != "fail" || !strings.Contains(r.Message, "seen live: Access-Control-Allow-Origin: * on /") {
		t.Errorf("cors-no-wildcard: %s %q", verdict(r), r.Message)
	}
	if r, _ := runLive(t, "security.cors", f); verdict(r) != "pass" || !strings.Contains(r.Message, "seen live") {
		t.Errorf("cors: %s %q", verdict(r), r.Message)
	}
	// The code reading saw a wildcard; the deployment restricts.
	f = liveFacts("express", Live{Headers: &LiveHeaders{NoSniff: true, CORS: "restricted", CORSSeenOn: "/"}})
	f.Security.CORS, f.Security.CORSWildcard = true, true
	if r, _ := runLive(t, "security.cors-no-wildcard", f); verdict(r) != "pass" || !strings.Contains(r.Message, "seen live") {
		t.Errorf("restricted live: %s %q", verdict(r), r.Message)
	}
	// No CORS header live: the static verdict stands.
	f.Live.Headers.CORS = "none"
	if r, _ := runLive(t, "security.cors-no-wildcard", f); verdict(r) != "fail" || strings.Contains(r.Message, "seen live") {
		t.Errorf("nothing seen live: %s %q", verdict(r), r.Message)
	}
	// No guarded route found in the code; three operations refused live.
	yes := true
	f = liveFacts("go", Live{AuthEnforced: &yes, AuthChecked: 3, AuthRefused: 3})
	if r, _ := runLive(t, "auth.protected-routes", f); verdict(r) != "pass" || !strings.Contains(r.Message, "seen live: 3 operations") {
		t.Errorf("protected-routes: %s %q", verdict(r), r.Message)
	}
	if r, _ := runLive(t, "auth.live-enforced", f); verdict(r) != "pass" || !strings.Contains(r.Message, "3 of 3 secured operations") {
		t.Errorf("live-enforced: %s %q", verdict(r), r.Message)
	}
	// A gateway's 401 on everything proves nothing about the API.
	f = liveFacts("go", Live{AuthGateway: true, AuthRefused: 2})
	if r, _ := runLive(t, "auth.protected-routes", f); verdict(r) != "fail" {
		t.Errorf("protected-routes behind a gateway: %s %q", verdict(r), r.Message)
	}
	if r, _ := runLive(t, "auth.live-enforced", f); verdict(r) != "skip" || !strings.Contains(r.Message, "gateway") {
		t.Errorf("live-enforced behind a gateway: %s %q", verdict(r), r.Message)
	}
	f.Live.Status = 401
	if r, _ := runLive(t, "api-docs.live", f); verdict(r) != "fail" || !strings.Contains(r.Message, "answered every request with 401") {
		t.Errorf("api-docs.live behind a gateway: %s %q", verdict(r), r.Message)
	}
}

func TestScorecardShowsTheFindingsSteps(t *testing.T) {
	f := liveFacts("fastapi", Live{Headers: &LiveHeaders{NoSniff: true, ServerVersion: "Server: uvicorn"}})
	p, err := LookupProfile(DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	sc := Score(f, p)
	for _, fx := range sc.Fixes {
		if fx.Check == "deployment.security-headers" {
			if len(fx.Steps) != 1 || !strings.Contains(fx.Steps[0], "--no-server-header") {
				t.Errorf("steps = %v", fx.Steps)
			}
			return
		}
	}
	t.Error("no fix for deployment.security-headers")
}
