package rules

import (
	"strings"
	"testing"
)

// A FAIL says what the check looked for and where (issue 16), so a
// candidate can tell a miss of the reading from a real gap.
func TestFailSaysWhereItLooked(t *testing.T) {
	src := Sources{Files: 14, Language: "JavaScript/TypeScript", Places: []string{"app.js", "server.js", "src/**"}}
	base := func() *Facts {
		return &Facts{Stack: Stack{Language: "javascript", Framework: "express", Manifest: "package.json"}, Sources: src, Endpoints: 6,
			Auth:          Auth{Kind: "none", ProtectLookedFor: "an auth middleware passed to app.use or to a route", KnownLibraries: []string{"jsonwebtoken", "passport"}},
			ErrorHandling: ErrorHandling{LookedFor: "a four-argument error middleware registered with app.use"},
			Logging:       Logging{Libraries: []string{"winston", "pino"}, RequestLibraries: []string{"morgan"}},
		}
	}
	where := "14 JavaScript/TypeScript source files (app.js, server.js, src/**)"
	cases := []struct {
		id    string
		facts func() *Facts
		want  []string
		ev    int
	}{
		{"errors.central-handler", base, []string{"looked for a four-argument error middleware registered with app.use in " + where, "answered wherever they happen"}, 0},
		{"errors.central-handler", func() *Facts {
			f := base()
			f.ErrorHandling.Unregistered = []Location{{Path: "middleware/error.js", Line: 3}}
			return f
		}, []string{"1 handler is defined but never registered", "in " + where}, 1},
		{"auth.mechanism", base, []string{"(jsonwebtoken, passport, …) in package.json and " + where}, 0},
		{"auth.protected-routes", base, []string{"no auth mechanism found", "looked for an auth middleware passed to app.use or to a route in " + where}, 0},
		{"auth.protected-routes", func() *Facts {
			f := base()
			f.Auth.Kind = "jwt"
			f.Auth.Unapplied = []Location{{Path: "app/auth.py", Line: 7}}
			return f
		}, []string{"1 guard is defined and never applied to a route", "in " + where}, 1},
		{"logging.configured", base, []string{"looked for a configured logger (winston, pino) in " + where}, 0},
		{"logging.requests", base, []string{"(morgan) or a middleware that logs the method and path in " + where}, 0},
		{"logging.health", base, []string{"/ping among 6 routes"}, 0},
	}
	for _, c := range cases {
		r := runCheck(t, c.id, c.facts())
		if r.Passed || r.Skipped {
			t.Fatalf("%s: want a FAIL, got %+v", c.id, r)
		}
		for _, w := range c.want {
			if !strings.Contains(r.Message, w) {
				t.Errorf("%s: message %q lacks %q", c.id, r.Message, w)
			}
		}
		if len(r.Evidence) != c.ev {
			t.Errorf("%s: evidence %v, want %d", c.id, r.Evidence, c.ev)
		}
	}
}

func TestLookedInWithoutSources(t *testing.T) {
	f := &Facts{Sources: Sources{Language: "Python"}}
	if got := lookedIn(f); got != "no Python source files (tests are not read)" {
		t.Errorf("lookedIn = %q", got)
	}
	f.Sources = Sources{Files: 1, Language: "Python", Places: []string{"main.py"}}
	if got := lookedIn(f); got != "1 Python source file (main.py)" {
		t.Errorf("lookedIn = %q", got)
	}
	f.Sources.More = true
	if got := lookedIn(f); got != "1 Python source file (main.py, …)" {
		t.Errorf("lookedIn = %q", got)
	}
}

// A gate says what is missing; where the check looked stays on the check.
func TestGateMessageDropsWhere(t *testing.T) {
	if got := withoutWhere("no authentication library or mechanism found: looked for x in y"); got != "no authentication library or mechanism found" {
		t.Errorf("got %q", got)
	}
	if got := withoutWhere("jwt authentication is set up but no route was found to require it; looked for x in y"); got != "jwt authentication is set up but no route was found to require it" {
		t.Errorf("got %q", got)
	}
}
