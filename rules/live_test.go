package rules

import (
	"strings"
	"testing"
)

func TestLiveChecks(t *testing.T) {
	reach := func(l Live) *Facts {
		l.URL, l.Reachable, l.Status = "https://shelf.onrender.com", true, 200
		return &Facts{Live: &l}
	}
	good := &LiveHeaders{HSTS: true, NoSniff: true, CORS: "restricted"}
	for _, tc := range []struct {
		name  string
		check *Check
		f     *Facts
		want  string // pass, fail or skip
		msg   string
	}{
		{"headers offline", deploymentSecurityHeaders, &Facts{ProbeSkipped: "--offline: the deployed URL was not tried"}, "skip", "--offline"},
		{"headers unreachable", deploymentSecurityHeaders, &Facts{Live: &Live{URL: "https://x", Error: "connection refused"}}, "skip", "did not answer"},
		{"headers good", deploymentSecurityHeaders, reach(Live{HTTPS: true, Headers: good}), "pass", "no rate-limit"},
		{"headers no hsts", deploymentSecurityHeaders, reach(Live{HTTPS: true, Headers: &LiveHeaders{NoSniff: true, RateLimit: true}}), "fail", "no Strict-Transport-Security"},
		{"http needs no hsts", deploymentSecurityHeaders, reach(Live{Headers: &LiveHeaders{NoSniff: true}}), "pass", ""},
		{"server version", deploymentSecurityHeaders, reach(Live{Headers: &LiveHeaders{NoSniff: true, ServerVersion: "Server: nginx/1.18.0"}}), "fail", "nginx/1.18.0"},
		{"cors credentials", deploymentSecurityHeaders, reach(Live{Headers: &LiveHeaders{NoSniff: true, CORS: "reflects-origin", CORSCredentials: true}}), "fail", "with credentials"},
		{"conformance no document", apiDocsLiveConformance, reach(Live{}), "skip", "no OpenAPI document was found live"},
		{"conformance nothing callable", apiDocsLiveConformance, reach(Live{SpecURL: "https://shelf.onrender.com/openapi.json"}), "skip", "no GET operation that can be called"},
		{"conformance ok", apiDocsLiveConformance, reach(Live{Conformance: Conformance{Checked: 3}}), "pass", "3 operations"},
		{"conformance violated", apiDocsLiveConformance, reach(Live{Conformance: Conformance{Checked: 3, Violations: 1, Details: []string{"GET /api/books answered 200 text/plain: bad content type"}}}), "fail", "GET /api/books"},
		{"drift none", apiDocsLiveDrift, reach(Live{}), "skip", "no live OpenAPI"},
		{"drift equal", apiDocsLiveDrift, reach(Live{Drift: &Drift{Against: "openapi", OnlyLive: []string{}, OnlyRepo: []string{}}}), "pass", "matches"},
		{"drift openapi", apiDocsLiveDrift, reach(Live{Drift: &Drift{Against: "openapi", OnlyRepo: []string{"DELETE /books/{}"}}}), "fail", "only in the repository: DELETE /books/{}"},
		{"drift routes tolerated", apiDocsLiveDrift, reach(Live{Drift: &Drift{Against: "routes", OnlyLive: []string{"GET /x"}}}), "pass", "but for"},
		{"drift routes", apiDocsLiveDrift, reach(Live{Drift: &Drift{Against: "routes", OnlyLive: []string{"GET /a", "GET /b"}, OnlyRepo: []string{"GET /c", "GET /d"}}}), "fail", "routes in the code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.check.Run(tc.f)
			got := "fail"
			if r.Skipped {
				got = "skip"
			} else if r.Passed {
				got = "pass"
			}
			if got != tc.want || !strings.Contains(r.Message, tc.msg) {
				t.Errorf("%s: %s %q, want %s containing %q", tc.check.ID, got, r.Message, tc.want, tc.msg)
			}
			if got == "fail" && len(tc.check.Fix(Stack{Language: "python", Framework: "fastapi"})) == 0 {
				t.Errorf("%s: no fix", tc.check.ID)
			}
		})
	}
	for _, k := range []*Check{deploymentSecurityHeaders, apiDocsLiveConformance, apiDocsLiveDrift} {
		if c, found := Lookup(k.ID); c == nil || found != k {
			t.Errorf("%s is not in a criterion", k.ID)
		}
	}
}
