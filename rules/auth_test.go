package rules

import (
	"strings"
	"testing"
)

func TestAuthCriterionValid(t *testing.T) {
	if err := Validate([]*Criterion{authCriterion}); err != nil {
		t.Fatal(err)
	}
}

func authFacts(a Auth) *Facts { return &Facts{Auth: a} }

func TestAuthChecks(t *testing.T) {
	ev := []Location{{Path: "app/auth.py", Line: 3}}
	yes, no := true, false
	tests := []struct {
		name  string
		check *Check
		facts *Facts
		// want is "pass", "fail" or "skip".
		want string
	}{
		{"mechanism jwt", authMechanism, authFacts(Auth{Kind: "jwt", Libraries: []string{"pyjwt"}, Evidence: ev}), "pass"},
		{"mechanism oauth", authMechanism, authFacts(Auth{Kind: "oauth"}), "pass"},
		{"mechanism session", authMechanism, authFacts(Auth{Kind: "session"}), "pass"},
		{"mechanism api key only", authMechanism, authFacts(Auth{Kind: "api-key"}), "fail"},
		{"mechanism none", authMechanism, authFacts(Auth{Kind: "none"}), "fail"},

		{"protected", authProtectedRoutes, authFacts(Auth{Kind: "jwt", ProtectedRoutes: 2, ProtectedEvidence: ev}), "pass"},
		{"jwt but nothing protected", authProtectedRoutes, authFacts(Auth{Kind: "jwt"}), "fail"},
		{"nothing", authProtectedRoutes, authFacts(Auth{Kind: "none"}), "fail"},

		{"bcrypt", authPasswordHashing, authFacts(Auth{Kind: "jwt", PasswordHashing: "bcrypt"}), "pass"},
		{"django pbkdf2", authPasswordHashing, authFacts(Auth{Kind: "session", PasswordHashing: "pbkdf2"}), "pass"},
		{"fast hash", authPasswordHashing, authFacts(Auth{Kind: "jwt", PasswordHashing: "other"}), "fail"},
		{"jwt login without hashing", authPasswordHashing, authFacts(Auth{Kind: "jwt", PasswordHashing: "none"}), "fail"},
		{"session without hashing", authPasswordHashing, authFacts(Auth{Kind: "session", PasswordHashing: "none"}), "fail"},
		{"magic-link jwt keeps no passwords", authPasswordHashing, authFacts(Auth{Kind: "jwt", PasswordHashing: "none", Passwordless: true}), "pass"},
		{"passwordless does not excuse a fast hash", authPasswordHashing, authFacts(Auth{Kind: "jwt", PasswordHashing: "other", Passwordless: true}), "fail"},
		{"passwordless without auth", authPasswordHashing, authFacts(Auth{Kind: "none", PasswordHashing: "none", Passwordless: true}), "fail"},
		{"oauth keeps no passwords", authPasswordHashing, authFacts(Auth{Kind: "oauth", PasswordHashing: "none"}), "pass"},
		{"api key keeps no passwords", authPasswordHashing, authFacts(Auth{Kind: "api-key", PasswordHashing: "none"}), "pass"},
		{"no auth at all", authPasswordHashing, authFacts(Auth{Kind: "none", PasswordHashing: "none"}), "fail"},

		{"literal key", authNoHardcodedKey, authFacts(Auth{Kind: "jwt", HardcodedKeys: ev}), "fail"},
		{"key from env", authNoHardcodedKey, authFacts(Auth{Kind: "jwt"}), "pass"},

		{"no probe", authLiveEnforced, &Facts{}, "skip"},
		{"probe could not tell", authLiveEnforced, &Facts{Live: &Live{URL: "https://x.fly.dev"}}, "skip"},
		{"enforced", authLiveEnforced, &Facts{Live: &Live{URL: "https://x.fly.dev", AuthEnforced: &yes}}, "pass"},
		{"not enforced", authLiveEnforced, &Facts{Live: &Live{URL: "https://x.fly.dev", AuthEnforced: &no}}, "fail"},
	}
	for _, tt := range tests {
		t.Run(tt.check.ID+"/"+tt.name, func(t *testing.T) {
			r := tt.check.Run(tt.facts)
			got := "fail"
			switch {
			case r.Skipped:
				got = "skip"
			case r.Passed:
				got = "pass"
			}
			if got != tt.want {
				t.Fatalf("got %s (%q), want %s", got, r.Message, tt.want)
			}
			if r.Message == "" {
				t.Error("empty message")
			}
			if got == "fail" && tt.facts.Auth.HardcodedKeys != nil && len(r.Evidence) == 0 {
				t.Error("failing key check carries no evidence")
			}
		})
	}
}

func TestAuthFixesPerStack(t *testing.T) {
	stacks := map[string]string{
		"fastapi": "OAuth2PasswordBearer", "django": "simplejwt", "flask": "flask-jwt-extended",
		"spring-boot": "spring-boot-starter-security", "express": "jsonwebtoken", "nestjs": "@nestjs/jwt",
		"fastify": "@fastify/jwt", "gin": "golang-jwt", "": "JWT",
	}
	for fw, word := range stacks {
		lang := map[string]string{"gin": "go"}[fw]
		steps := authMechanism.Fix(Stack{Framework: fw, Language: lang})
		if len(steps) == 0 || !strings.Contains(strings.Join(steps, " "), word) {
			t.Errorf("%q: mechanism fix %v does not name %q", fw, steps, word)
		}
	}
	for _, c := range authCriterion.Checks {
		for _, fw := range []string{"fastapi", "django", "flask", "spring-boot", "express", "nestjs", "fastify", "chi", ""} {
			lang := map[string]string{"chi": "go", "nestjs": "typescript"}[fw]
			if len(c.Fix(Stack{Framework: fw, Language: lang})) == 0 {
				t.Errorf("%s: no fix for %q", c.ID, fw)
			}
		}
	}
}
