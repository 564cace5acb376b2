package rules

import (
	"strings"
	"testing"
)

// A JWT key committed in a Spring application.properties is the same
// mistake as a Go constant: auth.no-hardcoded-key fails on it, and
// security.no-secrets does not charge the same line a second time.
func TestSigningKeyInConfigIsChargedOnceByAuth(t *testing.T) {
	key := authCheck(t, "auth.no-hardcoded-key")
	sec := securityCheck(t, "security.no-secrets")
	f := &Facts{
		Auth: Auth{Kind: "jwt"},
		Secrets: []Secret{
			{Path: "src/main/resources/application.properties", Line: 4, Rule: "spring-jwt-secret", Redacted: "app.jwt.secret: 9f3c****"},
			{Path: "app/settings.py", Line: 12, Rule: "generic-secret-assignment", Redacted: "JWT_SECRET = 'a8Kq****"},
		},
	}
	r := key.Run(f)
	if r.Passed {
		t.Fatalf("auth.no-hardcoded-key passed with signing keys in config: %s", r.Message)
	}
	if len(r.Evidence) != 2 || r.Evidence[0].Path != "src/main/resources/application.properties" {
		t.Errorf("evidence = %+v, want both config locations", r.Evidence)
	}
	if s := sec.Run(f); !s.Passed {
		t.Errorf("security.no-secrets charged the signing keys again: %s", s.Message)
	}
	// A database password beside them is still security.no-secrets' own.
	f.Secrets = append(f.Secrets, Secret{Path: "src/main/resources/application.properties", Line: 7, Rule: "database-url-password", Redacted: "jdbc:mysql://root:****@db"})
	s := sec.Run(f)
	if s.Passed || !strings.Contains(s.Message, "1 committed secret") || len(s.Evidence) != 1 || s.Evidence[0].Line != 7 {
		t.Errorf("security.no-secrets = %v %q %+v, want the database password only", s.Passed, s.Message, s.Evidence)
	}
}

// A key the auth detector found in code is not charged twice either, and
// secrets that are not signing keys (an API token named *_TOKEN) stay with
// security.no-secrets.
func TestSigningKeyOwnerNegative(t *testing.T) {
	key := authCheck(t, "auth.no-hardcoded-key")
	sec := securityCheck(t, "security.no-secrets")
	f := &Facts{
		Auth: Auth{Kind: "jwt", HardcodedKeys: []Location{{Path: "internal/auth/jwt.go", Line: 9}}},
		Secrets: []Secret{
			{Path: "internal/auth/jwt.go", Line: 9, Rule: "generic-secret-assignment", Redacted: "jwtKey = \"k3y****"},
			{Path: "config.py", Line: 3, Rule: "generic-secret-assignment", Redacted: "GITHUB_TOKEN = 'ab12****"},
		},
	}
	if r := key.Run(f); r.Passed || len(r.Evidence) != 1 {
		t.Errorf("auth.no-hardcoded-key = %v %+v, want one failing location", r.Passed, r.Evidence)
	}
	s := sec.Run(f)
	if s.Passed || len(s.Evidence) != 1 || s.Evidence[0].Path != "config.py" {
		t.Errorf("security.no-secrets = %v %+v, want only the GitHub token", s.Passed, s.Evidence)
	}
	for _, d := range []string{key.Doc, sec.Doc} {
		if !strings.Contains(d, "charged once") {
			t.Errorf("Doc does not say which check owns a committed signing key: %q", d)
		}
	}
}

func authCheck(t *testing.T, id string) *Check {
	t.Helper()
	for _, k := range authCriterion.Checks {
		if k.ID == id {
			return k
		}
	}
	t.Fatalf("no check %s", id)
	return nil
}

// A compiled or copied key (dist/config.js beside src/config.ts) is the
// same mistake as the source line auth.no-hardcoded-key owns: it is not
// charged again by security.no-secrets. A different key in the build
// folder, or one whose mask is too short to compare, stays its own.
func TestCopiedSigningKeyIsChargedOnce(t *testing.T) {
	key := authCheck(t, "auth.no-hardcoded-key")
	sec := securityCheck(t, "security.no-secrets")
	f := &Facts{
		Auth: Auth{Kind: "jwt", HardcodedKeys: []Location{{Path: "src/config.ts", Line: 1}}},
		Secrets: []Secret{
			{Path: "dist/config.js", Line: 3, Rule: "generic-secret-assignment", Redacted: "exports.SECRET = asfd****"},
			{Path: "src/config.ts", Line: 1, Rule: "generic-secret-assignment", Redacted: "SECRET = asfd****"},
		},
	}
	if r := key.Run(f); r.Passed || len(r.Evidence) != 2 {
		t.Errorf("auth.no-hardcoded-key = %v %+v, want the source line and its compiled copy", r.Passed, r.Evidence)
	}
	if s := sec.Run(f); !s.Passed {
		t.Errorf("security.no-secrets charged the compiled copy again: %s", s.Message)
	}
	f.Secrets = append(f.Secrets,
		Secret{Path: "dist/db.js", Line: 2, Rule: "generic-secret-assignment", Redacted: "exports.API_SECRET = Zq9w****"},
		Secret{Path: "dist/db.config.js", Line: 4, Rule: "hardcoded-db-password", Redacted: "PASSWORD = 1****"})
	s := sec.Run(f)
	if s.Passed || len(s.Evidence) != 2 || s.Evidence[0].Path != "dist/db.js" {
		t.Errorf("security.no-secrets = %v %+v, want the two other secrets", s.Passed, s.Evidence)
	}
}
