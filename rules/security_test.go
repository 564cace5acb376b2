package rules

import (
	"strings"
	"testing"
)

func securityCheck(t *testing.T, id string) *Check {
	t.Helper()
	for _, k := range securityCriterion.Checks {
		if k.ID == id {
			return k
		}
	}
	t.Fatalf("no check %s", id)
	return nil
}

func TestSecurityCriterionValid(t *testing.T) {
	if err := Validate([]*Criterion{securityCriterion}); err != nil {
		t.Fatal(err)
	}
	var total float64
	for _, k := range securityCriterion.Checks {
		total += k.Points
	}
	if total != 100 {
		t.Errorf("points add up to %v, want 100", total)
	}
}

func TestSecurityFixesPerStack(t *testing.T) {
	stacks := []Stack{
		{Language: "python", Framework: "fastapi"}, {Language: "python", Framework: "django"},
		{Language: "python", Framework: "flask"}, {Language: "java", Framework: "spring-boot"},
		{Language: "kotlin", Framework: "spring-boot"}, {Language: "javascript", Framework: "express"},
		{Language: "typescript", Framework: "nestjs"}, {Language: "typescript", Framework: "fastify"},
		{Language: "go", Framework: "net-http"}, {Language: "go", Framework: "gin"}, {Language: "go", Framework: "echo"},
		{Language: "go", Framework: "chi"}, {Language: "go", Framework: "fiber"}, {Language: "ruby", Framework: "rails"}, {},
	}
	for _, k := range securityCriterion.Checks {
		for _, s := range stacks {
			steps := k.Fix(s)
			if len(steps) == 0 {
				t.Errorf("%s: no fix for %+v", k.ID, s)
			}
			for _, st := range steps {
				if st == "" || strings.HasSuffix(st, ".") {
					t.Errorf("%s: step %q should be a verb phrase without a final period", k.ID, st)
				}
			}
		}
	}
	// Fixes are stack-specific, not one text for all.
	v := securityCheck(t, "security.validation")
	if !strings.Contains(strings.Join(v.Fix(Stack{Language: "python", Framework: "fastapi"}), " "), "pydantic") ||
		!strings.Contains(strings.Join(v.Fix(Stack{Language: "java", Framework: "spring-boot"}), " "), "@Valid") ||
		!strings.Contains(strings.Join(v.Fix(Stack{Language: "typescript", Framework: "nestjs"}), " "), "ValidationPipe") ||
		!strings.Contains(strings.Join(v.Fix(Stack{Language: "go", Framework: "gin"}), " "), "binding") {
		t.Error("validation fixes are not tailored to the stack")
	}
	r := securityCheck(t, "security.rate-limit")
	if !strings.Contains(strings.Join(r.Fix(Stack{Language: "go", Framework: "chi"}), " "), "httprate") {
		t.Error("chi rate-limit fix should name httprate")
	}
}

func TestNoSecrets(t *testing.T) {
	k := securityCheck(t, "security.no-secrets")
	if r := k.Run(&Facts{Secrets: []Secret{}}); !r.Passed || r.Skipped {
		t.Fatalf("no secrets should pass: %+v", r)
	}
	f := &Facts{}
	for i := 0; i < 7; i++ {
		f.Secrets = append(f.Secrets, Secret{Path: "app/config.py", Line: i + 1, Rule: "generic-secret-assignment", Redacted: "SECRET_KEY = 09d2****"})
	}
	r := k.Run(f)
	if r.Passed || r.Skipped {
		t.Fatalf("secrets should fail: %+v", r)
	}
	if !strings.HasPrefix(r.Message, "7 committed secrets: app/config.py:1 (generic-secret-assignment)") ||
		!strings.HasSuffix(r.Message, "and 2 more") {
		t.Errorf("message %q", r.Message)
	}
	if strings.Contains(r.Message, "09d2") {
		t.Errorf("message %q shows part of a value", r.Message)
	}
	if len(r.Evidence) != 7 || r.Evidence[2] != (Location{Path: "app/config.py", Line: 3}) {
		t.Errorf("evidence %+v", r.Evidence)
	}
}

func TestEnvChecks(t *testing.T) {
	committed := securityCheck(t, "security.env-not-committed")
	ignored := securityCheck(t, "security.env-ignored")
	f := &Facts{Security: Security{EnvFiles: []string{".env", "api/.env.production"}, EnvIgnored: true,
		GitignoreEvidence: []Location{{Path: ".gitignore", Line: 4}}}}
	r := committed.Run(f)
	if r.Passed || !strings.Contains(r.Message, ".env, api/.env.production") || !strings.Contains(r.Message, "before the rule") || len(r.Evidence) != 2 {
		t.Errorf("env-not-committed: %+v", r)
	}
	if r := ignored.Run(f); !r.Passed || len(r.Evidence) != 1 {
		t.Errorf("env-ignored: %+v", r)
	}
	f.Security.EnvFiles = []string{"local.env"}
	if r := committed.Run(f); r.Passed || strings.Contains(r.Message, "before the rule") {
		t.Errorf("a .env rule does not cover local.env: %+v", r)
	}
	// A project that ignores .env and commits none is the good case.
	f = &Facts{Security: Security{EnvIgnored: true, GitignoreEvidence: []Location{{Path: ".gitignore", Line: 2}}}}
	if r := ignored.Run(f); !r.Passed || len(r.Evidence) != 1 {
		t.Errorf("ignored and none committed should pass: %+v", r)
	}
	if r := committed.Run(f); !r.Passed {
		t.Errorf("ignored and none committed: env-not-committed should pass: %+v", r)
	}
	f = &Facts{}
	if r := committed.Run(f); !r.Passed {
		t.Errorf("nothing committed should pass: %+v", r)
	}
	if r := ignored.Run(f); r.Passed || r.Skipped {
		t.Errorf("no .gitignore rule should fail: %+v", r)
	}
}

func TestValidationAndRateLimit(t *testing.T) {
	v := securityCheck(t, "security.validation")
	rl := securityCheck(t, "security.rate-limit")
	f := &Facts{Stack: Stack{Language: "python", Framework: "fastapi"}, Security: Security{Validation: "pydantic",
		ValidationEvidence: []Location{{Path: "app/schemas.py", Line: 3}}}}
	if r := v.Run(f); !r.Passed || !strings.Contains(r.Message, "pydantic") || len(r.Evidence) != 1 {
		t.Errorf("validation: %+v", r)
	}
	if r := rl.Run(f); r.Passed || r.Skipped {
		t.Errorf("no limiter should fail: %+v", r)
	}
	ruby := &Facts{Stack: Stack{Language: "ruby", Framework: "rails"}}
	if r := v.Run(ruby); !r.Skipped {
		t.Errorf("validation on an undetected language should be skipped: %+v", r)
	}
	if r := rl.Run(ruby); !r.Skipped {
		t.Errorf("rate limit on an undetected language should be skipped: %+v", r)
	}
}

func TestCORS(t *testing.T) {
	configured := securityCheck(t, "security.cors")
	noWild := securityCheck(t, "security.cors-no-wildcard")
	ev := []Location{{Path: "main.py", Line: 9}}
	cases := []struct {
		name         string
		sec          Security
		conf, nowild bool
	}{
		{"restricted", Security{CORS: true, CORSEvidence: ev}, true, true},
		{"wildcard", Security{CORS: true, CORSWildcard: true, CORSEvidence: ev}, true, false},
		{"none", Security{}, false, true},
	}
	for _, tc := range cases {
		f := &Facts{Stack: Stack{Language: "python", Framework: "fastapi"}, Security: tc.sec}
		if r := configured.Run(f); r.Passed != tc.conf || r.Skipped {
			t.Errorf("%s: security.cors %+v", tc.name, r)
		}
		r := noWild.Run(f)
		if r.Passed != tc.nowild || r.Skipped {
			t.Errorf("%s: security.cors-no-wildcard %+v", tc.name, r)
		}
		if tc.sec.CORSWildcard && (len(r.Evidence) == 0 || !strings.Contains(r.Message, "every origin")) {
			t.Errorf("%s: wildcard failure needs evidence and a message: %+v", tc.name, r)
		}
	}
}
