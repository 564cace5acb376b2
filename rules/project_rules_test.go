package rules

import (
	"strings"
	"testing"
)

// runCheck runs one check of the rubric by ID over the facts.
func runCheck(t *testing.T, id string, f *Facts) Result {
	t.Helper()
	_, k := Lookup(id)
	if k == nil {
		t.Fatalf("no check %q", id)
	}
	return k.Run(f)
}

type outcome int

const (
	pass outcome = iota
	fail
	skip
)

func (o outcome) of(r Result) bool {
	switch o {
	case pass:
		return r.Passed && !r.Skipped
	case fail:
		return !r.Passed && !r.Skipped
	}
	return r.Skipped
}

func TestTestsDeploymentReadmeChecks(t *testing.T) {
	yes := true
	readme := Readme{Path: "README.md", Words: 400, Sections: []string{"setup", "api-docs"},
		SectionEvidence: map[string]Location{"setup": {Path: "README.md", Line: 12}, "api-docs": {Path: "README.md", Line: 30}}}
	live := &Live{URL: "https://a.onrender.com", Reachable: true, Status: 200, HTTPS: true, TLSDaysLeft: 60, AuthEnforced: &yes}
	cases := []struct {
		id   string
		f    Facts
		want outcome
		msg  string // a part of the message
	}{
		{"tests.present", Facts{Tests: Tests{Files: 3, Framework: "pytest", Evidence: []Location{{Path: "tests/test_a.py", Line: 1}}}}, pass, "3 test files using pytest"},
		{"tests.present", Facts{}, fail, "no test files"},
		{"tests.present", Facts{Tests: Tests{Boilerplate: 1}}, fail, "generated test"},
		{"tests.depth", Facts{Tests: Tests{Files: 1, Integration: true}}, pass, "HTTP layer"},
		{"tests.depth", Facts{Tests: Tests{Files: 5}}, pass, "5 test files"},
		{"tests.depth", Facts{Tests: Tests{Files: 2}}, fail, "no test that calls the API"},
		{"tests.ci", Facts{CI: CI{Providers: []string{"github-actions"}}}, pass, "github-actions"},
		{"tests.ci", Facts{CI: CI{Providers: []string{}}}, fail, "no CI"},
		{"tests.ci-runs-tests", Facts{CI: CI{Providers: []string{"gitlab-ci"}, RunsTests: true}}, pass, "runs the tests"},
		{"tests.ci-runs-tests", Facts{CI: CI{Providers: []string{"gitlab-ci"}}}, fail, "no test command"},
		{"tests.ci-green", Facts{}, skip, "GitHub"},
		{"tests.ci-green", Facts{CI: CI{LastConclusion: "success"}}, pass, "succeeded"},
		{"tests.ci-green", Facts{CI: CI{LastConclusion: "failure"}}, fail, "failure"},

		{"deployment.config", Facts{Deploy: Deploy{Configs: []string{"Dockerfile", "fly.toml"}}}, pass, "Dockerfile, fly.toml"},
		{"deployment.config", Facts{Deploy: Deploy{Pipeline: true}}, pass, "deploys"},
		{"deployment.config", Facts{Deploy: Deploy{Configs: []string{}}}, fail, "no Dockerfile"},
		{"deployment.url", Facts{Deploy: Deploy{URL: "https://a.fly.dev", URLSource: "readme"}}, pass, "from readme"},
		{"deployment.url", Facts{Live: live}, pass, "a.onrender.com"},
		{"deployment.url", Facts{}, fail, "no deployed URL"},
		{"deployment.live", Facts{ProbeSkipped: "--offline: no network"}, skip, "--offline"},
		{"deployment.live", Facts{}, skip, "was probed"},
		{"deployment.live", Facts{Live: live}, pass, "answered 200"},
		{"deployment.live", Facts{Live: &Live{URL: "https://x.fly.dev", Reachable: true, Status: 502}}, fail, "502"},
		{"deployment.live", Facts{Live: &Live{URL: "https://x.fly.dev", Error: "dial tcp: no such host"}}, fail, "no such host"},
		{"deployment.https", Facts{Live: live}, pass, "60 more days"},
		{"deployment.https", Facts{Live: &Live{URL: "http://1.2.3.4", Reachable: true, Status: 200}}, fail, "not served over HTTPS"},
		{"deployment.https", Facts{Live: &Live{URL: "https://x", Reachable: true, HTTPS: true}}, fail, "expired"},
		{"deployment.https", Facts{ProbeSkipped: "no deployed URL"}, skip, "no deployed URL"},

		{"readme.present", Facts{Readme: readme}, pass, "400 words"},
		{"readme.present", Facts{}, fail, "no README"},
		{"readme.present", Facts{Readme: Readme{Path: "README.md", Words: 3}}, fail, "only 3 words"},
		{"readme.present", Facts{Readme: Readme{Path: "README.md", Words: 300, Boilerplate: true}}, fail, "template"},
		{"readme.setup", Facts{Readme: readme}, pass, "has setup"},
		{"readme.configuration", Facts{Readme: readme}, fail, "no configuration"},
		{"readme.api-docs", Facts{Readme: readme}, pass, "api-docs"},
		{"readme.live-url", Facts{Readme: readme, Deploy: Deploy{URL: "https://a.fly.dev", URLSource: "homepage"}}, fail, "deployed at https://a.fly.dev"},
		{"readme.live-url", Facts{Readme: Readme{Path: "README.md", URLs: []string{"https://a.fly.dev"}, Sections: []string{"live-url"},
			SectionEvidence: map[string]Location{"live-url": {Path: "README.md", Line: 3}}}}, pass, "https://a.fly.dev"},
	}
	for _, c := range cases {
		r := runCheck(t, c.id, &c.f)
		if !c.want.of(r) || !strings.Contains(r.Message, c.msg) {
			t.Errorf("%s: got %+v; want outcome %d with %q", c.id, r, c.want, c.msg)
		}
		// Evidence the facts carry reaches the result.
		if c.want == pass && (c.id == "tests.present" || c.id == "readme.setup" || c.id == "deployment.url") && len(r.Evidence) == 0 {
			t.Errorf("%s: passed without evidence", c.id)
		}
	}
}

func TestProjectFixesPerStack(t *testing.T) {
	stacks := []Stack{
		{Language: "python", Framework: "fastapi"}, {Language: "python", Framework: "django"}, {Language: "python", Framework: "flask"},
		{Language: "java", Framework: "spring-boot"}, {Language: "kotlin", Framework: "spring-boot"},
		{Language: "javascript", Framework: "express"}, {Language: "typescript", Framework: "nestjs"}, {Language: "typescript", Framework: "fastify"},
		{Language: "go", Framework: "gin"}, {Language: "go", Framework: "net-http"}, {Language: "ruby"}, {},
	}
	for _, id := range []string{"tests", "deployment", "readme"} {
		c, _ := Lookup(id)
		for _, k := range c.Checks {
			for _, s := range stacks {
				if steps := k.Fix(s); len(steps) == 0 || steps[0] == "" {
					t.Errorf("%s has no fix for %+v", k.ID, s)
				}
			}
		}
	}
	// Stack-specific advice names the stack's own tools.
	want := map[string]map[string]string{
		"tests.present":       {"fastapi": "TestClient", "spring-boot": "MockMvc", "express": "supertest", "nestjs": "@nestjs/testing", "gin": "httptest"},
		"tests.ci-runs-tests": {"fastapi": "pytest", "spring-boot": "./mvnw -B verify", "express": "npm test", "gin": "go test"},
		"deployment.config":   {"fastapi": "uvicorn app.main:app --host 0.0.0.0 --port $PORT", "spring-boot": "eclipse-temurin", "express": "npm start", "gin": "multi-stage Dockerfile"},
	}
	for id, byFw := range want {
		_, k := Lookup(id)
		for fw, needle := range byFw {
			s := Stack{Framework: fw}
			if fw == "gin" {
				s.Language = "go"
			}
			if got := strings.Join(k.Fix(s), " "); !strings.Contains(got, needle) {
				t.Errorf("%s fix for %s = %q, want %q in it", id, fw, got, needle)
			}
		}
	}
}
