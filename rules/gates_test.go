package rules

import (
	"slices"
	"strings"
	"testing"
)

func saasProfile(t *testing.T) Profile {
	t.Helper()
	p, err := LookupProfile("saas")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func gate(sc *Scorecard, id string) Gate {
	for _, g := range sc.Gates {
		if g.ID == id {
			return g
		}
	}
	return Gate{}
}

// A project strong everywhere but with no authentication is capped at D;
// with the authentication it has no cap.
func TestFailedGateCapsTheGrade(t *testing.T) {
	f := deployedInfraFacts() // no auth, no migrations, no endpoints
	sc := ScoreWith(f, saasProfile(t), Options{})
	if sc.Cap == nil || !slices.Equal(sc.Cap.By, []string{"auth", "database", "scope"}) {
		t.Fatalf("cap = %+v, want auth, database and scope", sc.Cap)
	}
	if sc.Score > capManyGates || sc.Grade != "F" {
		t.Errorf("two failed gates: score %d grade %s, want at most %d and F", sc.Score, sc.Grade, capManyGates)
	}
	if !strings.Contains(sc.CapLine(), "working authentication") || !strings.Contains(sc.CapLine(), "migrations") {
		t.Errorf("cap line does not say which gates: %q", sc.CapLine())
	}

	java := layeredJavaFacts() // auth and migrations, 4 models
	sc = ScoreWith(java, saasProfile(t), Options{})
	if g := gate(sc, "auth"); !g.Passed || !g.Judged {
		t.Errorf("auth gate on a JWT project with protected routes: %+v", g)
	}
	if g := gate(sc, "database"); !g.Passed {
		t.Errorf("database gate with 5 flyway migrations: %+v", g)
	}

	noAuth := layeredJavaFacts()
	noAuth.Auth = Auth{Kind: "none", PasswordHashing: "none"}
	capped := ScoreWith(noAuth, saasProfile(t), Options{})
	if g := gate(capped, "auth"); g.Passed || !g.Judged {
		t.Fatalf("auth gate without auth: %+v", g)
	}
	if capped.Score > capOneGate || (capped.Grade != "D" && capped.Grade != "F") {
		t.Errorf("one failed gate: score %d grade %s, want at most %d (D)", capped.Score, capped.Grade, capOneGate)
	}
}

// The auth gate passes on what the deployment did even when the code
// reading found no protected route.
func TestLiveEnforcementLiftsTheAuthGate(t *testing.T) {
	f := layeredJavaFacts()
	f.Auth.ProtectedRoutes = 0
	on := true
	f.Live = &Live{URL: "https://api.example.dev", Reachable: true, Status: 200, AuthEnforced: &on, AuthChecked: 3}
	sc := ScoreWith(f, saasProfile(t), Options{})
	g := gate(sc, "auth")
	if !g.Passed || !strings.HasPrefix(g.Message, "seen live") {
		t.Errorf("auth gate with live enforcement: %+v", g)
	}
}

// Turning a must-have off in the configuration does not turn it into a
// pass: it still counts and still caps.
func TestSuppressedMustHaveStillCounts(t *testing.T) {
	f := layeredJavaFacts()
	f.Auth = Auth{Kind: "none", PasswordHashing: "none"}
	off := map[string]string{"auth.mechanism": "not needed", "auth.protected-routes": "not needed"}
	sc := ScoreWith(f, saasProfile(t), Options{Suppressions: off})
	for _, cr := range sc.Criteria {
		if cr.ID != "auth" {
			continue
		}
		if cr.Status == StatusPass || cr.Score == 100 {
			t.Errorf("auth with its must-haves turned off reads %s %d", cr.Status, cr.Score)
		}
		for _, k := range cr.Checks {
			if k.ID == "auth.mechanism" && (!k.Suppressed || k.Passed || !strings.Contains(k.Message, "must-have")) {
				t.Errorf("auth.mechanism: %+v", k)
			}
		}
	}
	if sc.Cap == nil || !slices.Contains(sc.Cap.By, "auth") {
		t.Errorf("cap = %+v, want auth", sc.Cap)
	}
	// A check that is not a must-have is still turned off.
	sc = ScoreWith(layeredJavaFacts(), saasProfile(t), Options{Suppressions: map[string]string{"readme.live-url": "private"}})
	for _, cr := range sc.Criteria {
		for _, k := range cr.Checks {
			if k.ID == "readme.live-url" && (!k.Skipped || !k.Suppressed) {
				t.Errorf("readme.live-url: %+v", k)
			}
		}
	}
}

// The next grade lists the gate fixes first, and only as many gates as
// the grade needs lifted (a D allows one failed gate).
func TestNextGradeNeedsTheGatesFirst(t *testing.T) {
	f := deployedInfraFacts()
	sc := ScoreWith(f, saasProfile(t), Options{})
	ng := sc.NextGrade
	if ng == nil || ng.Grade != "D" || ng.Points != 50-sc.Score {
		t.Fatalf("next grade = %+v (score %d)", ng, sc.Score)
	}
	first := ng.Checks[0]
	if !mustHave(first) {
		t.Errorf("next grade starts with %s, not a gate's check: %v", first, ng.Checks)
	}
	gatesIn := 0
	for _, g := range []string{"auth.mechanism", "database.migrations", "scope.endpoints"} {
		if slices.Contains(ng.Checks, g) {
			gatesIn++
		}
	}
	if gatesIn != 2 {
		t.Errorf("a D needs two of the three failed gates lifted, got %d in %v", gatesIn, ng.Checks)
	}
	if a := ScoreWith(layeredJavaFacts(), saasProfile(t), Options{}); a.Score >= 90 && a.NextGrade != nil {
		t.Errorf("an A has no next grade: %+v", a.NextGrade)
	}
}
