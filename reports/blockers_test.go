package reports

import (
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

func TestBlockersMostSeriousFirst(t *testing.T) {
	sc := weakScorecard()
	sc.Facts.Secrets = []rules.Secret{{Path: ".env", Line: 2, Rule: "stripe-key"}}
	sc.Facts.Live = &rules.Live{URL: "https://todo.example.com/", Leaks: []rules.Leak{
		{Path: "/nope", Kind: "stack-trace"}, {Path: "/api/x", Kind: "stack-trace"}, {Path: "/debug", Kind: "debug-page"}}}
	var kinds []string
	for _, b := range blockers(sc) {
		kinds = append(kinds, b.Kind)
	}
	if want := []string{"secret", "leak", "gate", "gate", "gate"}; !slices.Equal(kinds, want) {
		t.Fatalf("blockers %v, want %v", kinds, want)
	}
	leak := blockers(sc)[1]
	if leak.Title != "the live service leaks internals: stack-trace, debug-page" || len(leak.Evidence) != 3 ||
		leak.Evidence[0].URL != "https://todo.example.com/nope" {
		t.Errorf("leak blocker %+v", leak)
	}
	page := renderHTML(t, sc)
	if !strings.Contains(page, `<a href="https://todo.example.com/nope">https://todo.example.com/nope</a>`) {
		t.Error("the page does not link the URL that leaked")
	}

	// A must-have that passes, is skipped or is weighted 0 is no blocker.
	strong := strongScorecard()
	if b := blockers(strong); len(b) != 0 {
		t.Errorf("a strong project has blockers %+v", b)
	}
	for i := range sc.Criteria {
		if sc.Criteria[i].ID == "auth" {
			sc.Criteria[i].Weight = 0
		}
	}
	for _, g := range gates(sc) {
		if g.ID == "auth" {
			t.Error("a must-have the profile weighs 0 is still a gate")
		}
	}
}

func TestWithoutCLIHints(t *testing.T) {
	for in, want := range map[string]string{
		"no deployed URL is known (give one with --url)": "no deployed URL is known",
		"--offline: the deployed URL was not tried":      "--offline: the deployed URL was not tried",
		"6 more (see docs) and (run vetfolio --verbose)": "6 more (see docs) and",
		"uses (the default) profile":                     "uses (the default) profile",
	} {
		if got := withoutCLIHints(in); got != want {
			t.Errorf("withoutCLIHints(%q) = %q, want %q", in, got, want)
		}
	}
}
