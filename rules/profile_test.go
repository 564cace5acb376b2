package rules

import (
	"strings"
	"testing"
)

// deployedInfraFacts is a project strong on containers and delivery and
// weak on the API itself: no auth, no migrations, no docs.
func deployedInfraFacts() *Facts {
	return &Facts{
		Stack: Stack{Language: "go", Framework: "chi"},
		Auth:  Auth{Kind: "none", PasswordHashing: "none"}, Migrations: Migrations{Tool: "none"},
		OpenAPI: OpenAPI{Kind: "none"},
		Deploy: Deploy{Configs: []string{"Dockerfile", "kubernetes", "terraform"}, URL: "https://api.example.dev", Pipeline: true,
			PipelineEvidence: []Location{{Path: ".github/workflows/deploy.yml", Line: 30}}, Evidence: []Location{{Path: "deploy/deployment.yaml"}}},
		Tests:    Tests{Files: 12, Framework: "go-test", Integration: true},
		CI:       CI{Providers: []string{"github-actions"}, RunsTests: true},
		Logging:  Logging{Library: "slog", Configured: true, RequestLogging: true, HealthPath: "/healthz"},
		Readme:   Readme{Path: "README.md", Words: 600, Sections: []string{"setup", "configuration", "live-url", "tests"}},
		Security: Security{EnvIgnored: true},
		Container: Container{Dockerignore: true, Dockerfiles: []Dockerfile{{Path: "Dockerfile", Stages: 2,
			Images: []string{"golang:1.26", "gcr.io/distroless/static-debian12:nonroot"}, NonRoot: true, FromLines: []int{1, 5}}}},
		History: History{Reason: "not a git repository"},
	}
}

// layeredJavaFacts is a Spring Boot API with layers and tests but no
// deployment and a thin README.
func layeredJavaFacts() *Facts {
	return &Facts{
		Stack:      Stack{Language: "java", Framework: "spring-boot"},
		Auth:       Auth{Kind: "jwt", PasswordHashing: "bcrypt", ProtectedRoutes: 3, Libraries: []string{"spring-security"}},
		Database:   Database{Engines: []string{"postgres"}, Relational: true, ORM: "jpa", Models: 4, Relations: 3},
		Migrations: Migrations{Tool: "flyway", Count: 5}, Relationships: true,
		OpenAPI:       OpenAPI{Kind: "framework-generated", Generator: "springdoc", Valid: true},
		Tests:         Tests{Files: 20, Framework: "junit", Integration: true},
		CI:            CI{Providers: []string{"github-actions"}, RunsTests: true},
		ErrorHandling: ErrorHandling{Central: true, StatusCodes: []int{400, 404, 409}},
		Logging:       Logging{Library: "slf4j", Configured: true},
		Readme:        Readme{Path: "README.md", Words: 40},
		Structure: Structure{Layers: []string{"controller", "service", "repository"},
			Evidence: []Location{{Path: "src/main/java/a/controller/A.java"}, {Path: "src/main/java/a/service/A.java"}, {Path: "src/main/java/a/repository/A.java"}}},
		History: History{Reason: "not a git repository"},
	}
}

func score(t *testing.T, f *Facts, profile string) *Scorecard {
	t.Helper()
	p, err := LookupProfile(profile)
	if err != nil {
		t.Fatal(err)
	}
	return Score(f, p)
}

// weighted is the score the profile's weights give, before the gates cap
// it: the weighting is what these tests compare.
func weighted(sc *Scorecard) int {
	if sc.Cap != nil {
		return sc.Cap.Uncapped
	}
	return sc.Score
}

func checkIDs(sc *Scorecard) map[string]CheckResult {
	m := map[string]CheckResult{}
	for _, c := range sc.Criteria {
		for _, k := range c.Checks {
			m[k.ID] = k
		}
	}
	return m
}

func TestProfilesMoveScoreInTheExpectedDirection(t *testing.T) {
	infra := deployedInfraFacts()
	saas, platform, agency := weighted(score(t, infra, "saas")), weighted(score(t, infra, "platform")), weighted(score(t, infra, "agency"))
	if platform <= saas {
		t.Errorf("infra project: platform %d should beat saas %d", platform, saas)
	}
	if agency <= saas {
		t.Errorf("infra project (deployed, documented, tested): agency %d should beat saas %d", agency, saas)
	}

	java := layeredJavaFacts()
	saas, enterprise, agency := weighted(score(t, java, "saas")), weighted(score(t, java, "enterprise")), weighted(score(t, java, "agency"))
	if enterprise <= saas {
		t.Errorf("layered Spring project: enterprise %d should beat saas %d", enterprise, saas)
	}
	if agency >= saas {
		t.Errorf("undeployed, thin README: agency %d should trail saas %d", agency, saas)
	}

	// The same project in Go with no layers: saas does not care, enterprise
	// marks it down.
	goFacts := layeredJavaFacts()
	goFacts.Stack = Stack{Language: "go", Framework: "gin"}
	goFacts.Structure = Structure{}
	if a, b := weighted(score(t, java, "saas")), weighted(score(t, goFacts, "saas")); a != b {
		t.Errorf("saas scores the stack or layers: java %d, go %d", a, b)
	}
	if a, b := weighted(score(t, java, "enterprise")), weighted(score(t, goFacts, "enterprise")); b >= a {
		t.Errorf("enterprise: flat Go %d should trail layered Java %d", b, a)
	}
}

func TestProfileChecksOnlyUnderTheirProfile(t *testing.T) {
	f := deployedInfraFacts()
	saas := checkIDs(score(t, f, "saas"))
	for _, id := range []string{"deployment.non-root", "deployment.iac", "scope.layered", "scope.stack-fit"} {
		if _, ok := saas[id]; ok {
			t.Errorf("saas scorecard has %s", id)
		}
	}
	plat := checkIDs(score(t, f, "platform"))
	for _, id := range []string{"deployment.dockerfile", "deployment.pinned-base", "deployment.non-root", "deployment.multi-stage",
		"deployment.dockerignore", "deployment.ci-deploys", "deployment.iac"} {
		if r, ok := plat[id]; !ok || !r.Passed {
			t.Errorf("platform %s = %+v", id, r)
		}
	}
	if _, ok := plat["scope.layered"]; ok {
		t.Error("platform scorecard has the enterprise check")
	}
	ent := checkIDs(score(t, layeredJavaFacts(), "enterprise"))
	if !ent["scope.layered"].Passed || !ent["scope.stack-fit"].Passed {
		t.Errorf("enterprise checks: %+v %+v", ent["scope.layered"], ent["scope.stack-fit"])
	}
	if got := ProfileOnly("deployment.iac"); len(got) != 1 || got[0] != "platform" {
		t.Errorf("ProfileOnly = %v", got)
	}
	if ProfileOnly("auth.mechanism") != nil {
		t.Error("a common check is profile-only")
	}
}

func TestPlatformChecksFail(t *testing.T) {
	f := deployedInfraFacts()
	f.Container = Container{Dockerfiles: []Dockerfile{{Path: "Dockerfile", Stages: 1, Images: []string{"python:latest"},
		Unpinned: []string{"python:latest"}, UnpinnedLines: []int{1}, FromLines: []int{1}}}}
	f.Deploy = Deploy{Configs: []string{"Dockerfile"}}
	f.CI = CI{Providers: []string{"github-actions"}}
	got := checkIDs(score(t, f, "platform"))
	for id, want := range map[string]string{
		"deployment.pinned-base":  "unpinned base image: python:latest",
		"deployment.non-root":     "sets no USER",
		"deployment.multi-stage":  "single stage",
		"deployment.dockerignore": "no .dockerignore",
		"deployment.ci-deploys":   "no workflow deploys",
		"deployment.iac":          "no Terraform",
	} {
		r := got[id]
		if r.Passed || r.Skipped || !strings.Contains(r.Message, want) {
			t.Errorf("%s = %+v, want a failure mentioning %q", id, r, want)
		}
	}
	if ev := got["deployment.pinned-base"].Evidence; len(ev) != 1 || ev[0].Line != 1 {
		t.Errorf("pinned evidence = %v", ev)
	}

	// Without a Dockerfile only deployment.dockerfile fails; the quality
	// checks cannot be judged.
	f.Container = Container{}
	got = checkIDs(score(t, f, "platform"))
	if r := got["deployment.dockerfile"]; r.Passed || r.Skipped {
		t.Errorf("dockerfile = %+v", r)
	}
	for _, id := range []string{"deployment.pinned-base", "deployment.non-root", "deployment.multi-stage", "deployment.dockerignore"} {
		if !got[id].Skipped {
			t.Errorf("%s not skipped without a Dockerfile: %+v", id, got[id])
		}
	}
}

func TestSuppressions(t *testing.T) {
	f := layeredJavaFacts()
	p, _ := LookupProfile("saas")
	before := Score(f, p)
	var failing string
	for _, fx := range before.Fixes {
		failing = fx.Check
		break
	}
	if failing == "" {
		t.Fatal("fixture has no failing check")
	}
	after := ScoreWith(f, p, Options{Suppressions: map[string]string{failing: "the API is internal and never deployed"}})
	r := checkIDs(after)[failing]
	if !r.Suppressed || !r.Skipped || r.Passed || r.Message != "not applied: the API is internal and never deployed" {
		t.Errorf("suppressed result = %+v", r)
	}
	if after.Score < before.Score {
		t.Errorf("suppressing a failing check lowered the score: %d -> %d", before.Score, after.Score)
	}
	for _, fx := range after.Fixes {
		if fx.Check == failing {
			t.Errorf("a suppressed check still has a fix: %+v", fx)
		}
	}
	found := false
	for _, n := range after.Notes {
		found = found || strings.Contains(n, failing+" not applied: the API is internal")
	}
	if !found {
		t.Errorf("notes = %q", after.Notes)
	}
}

func TestBelowMinimums(t *testing.T) {
	sc := &Scorecard{Criteria: []CriterionResult{
		{ID: "auth", Score: 40, Status: StatusPartial},
		{ID: "database", Score: 90, Status: StatusPass},
		{ID: "history", Status: StatusSkipped},
	}}
	got := sc.BelowMinimums(map[string]int{"auth": 60, "database": 80, "history": 50})
	if len(got) != 1 || got[0] != "auth (40 < 60)" {
		t.Errorf("below = %q", got)
	}
}

func TestProfilesAreWellFormed(t *testing.T) {
	for _, n := range ProfileNames() {
		p, _ := LookupProfile(n)
		var sum float64
		for _, c := range All() {
			w, ok := p.Weights[c.ID]
			if !ok {
				t.Errorf("%s: no weight for %s", n, c.ID)
			}
			sum += w
		}
		if sum != 100 {
			t.Errorf("%s: weights add to %g, want 100", n, sum)
		}
		for _, id := range p.Checks {
			if _, k := Lookup(id); k == nil {
				t.Errorf("%s: unknown check %s", n, id)
			}
		}
	}
	if err := Validate(All()); err != nil {
		t.Error(err)
	}
}
