package reports

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/rules"
)

// mustHaves are the criteria the career guide calls essential for a first
// backend job ("a complete deployed REST API with authentication and a
// relational database"): the must-haves shown for a scorecard that carries
// no gates of its own (one read back from an older report, or built by
// another program).
var mustHaves = []string{"auth", "database", "deployment"}

// gate is one must-have as the reports show it.
type gate struct {
	ID, Title, Status string
	// Lift says what lifts the gate, when the scorecard says.
	Lift string
	// Score is the score of the criterion of the same ID, -1 when none.
	Score       int
	Met, Judged bool
}

// gates are the scorecard's must-haves: its own gates when it has them,
// else the must-have criteria, met unless they fail. A gate whose checks
// were skipped is not judged, and neither met nor failed.
func gates(sc *rules.Scorecard) []gate {
	byID := map[string]rules.CriterionResult{}
	for _, cr := range sc.Criteria {
		byID[cr.ID] = cr
	}
	var out []gate
	if len(sc.Gates) > 0 {
		for _, g := range sc.Gates {
			gg := gate{ID: g.ID, Title: g.Title, Lift: g.Lift, Score: -1, Judged: g.Judged, Met: g.Judged && g.Passed}
			if cr, ok := byID[g.ID]; ok && cr.Status != rules.StatusSkipped {
				gg.Score, gg.Status = cr.Score, cr.Status
			}
			out = append(out, gg)
		}
		return out
	}
	for _, id := range mustHaves {
		cr, ok := byID[id]
		if !ok || cr.Weight <= 0 {
			continue
		}
		g := gate{ID: cr.ID, Title: cr.Title, Status: cr.Status, Score: cr.Score,
			Judged: cr.Status != rules.StatusSkipped}
		g.Met = g.Judged && cr.Status != rules.StatusFail
		out = append(out, g)
	}
	return out
}

// mustHavePrefix starts the title of a gate not met.
const mustHavePrefix = "must-have not met: "

// blocker is something a reviewer stops at before reading any fix:
// a committed secret, a leak seen on the live service, a must-have not met.
type blocker struct {
	// Kind is secret, leak or gate.
	Kind string
	// Criterion is the criterion of a gate, and Lift what lifts it.
	Criterion, Lift string
	Title           string
	Evidence        []rules.Location
}

// blockers lists what ends a review, most serious first: committed
// secrets, then leaks on the live service, then must-haves not met.
func blockers(sc *rules.Scorecard) []blocker {
	var out []blocker
	if f := sc.Facts; f != nil {
		if n := len(f.Secrets); n > 0 {
			them := "them"
			if n == 1 {
				them = "it"
			}
			b := blocker{Kind: "secret", Title: fmt.Sprintf("%s (values redacted): rotate %s and remove %[2]s from the history", plural(n, "committed secret"), them)}
			for _, s := range f.Secrets {
				b.Evidence = append(b.Evidence, rules.Location{Path: s.Path, Line: s.Line})
			}
			out = append(out, b)
		}
		if f.Live != nil && len(f.Live.Leaks) > 0 {
			var kinds []string
			b := blocker{Kind: "leak"}
			for _, l := range f.Live.Leaks {
				if !slices.Contains(kinds, l.Kind) {
					kinds = append(kinds, l.Kind)
				}
				b.Evidence = append(b.Evidence, rules.Location{URL: leakURL(f.Live.URL, l.Path)})
			}
			b.Title = "the live service leaks internals: " + strings.Join(kinds, ", ")
			out = append(out, b)
		}
	}
	for _, g := range gates(sc) {
		if g.Judged && !g.Met {
			b := blocker{Kind: "gate", Criterion: g.ID, Title: mustHavePrefix + g.Title, Lift: g.Lift}
			if g.Score >= 0 {
				b.Title += fmt.Sprintf(" (%d/100)", g.Score)
			}
			out = append(out, b)
		}
	}
	return out
}

func leakURL(base, p string) string {
	if base == "" {
		return p
	}
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(p, "/")
}

// cliHint matches a parenthesised hint that names a command-line flag,
// such as "(give one with --url)".
var cliHint = regexp.MustCompile(`\s*\([^()]*\s--[a-z][a-z-]*[^()]*\)`)

// withoutCLIHints removes command-line hints from a message meant for a
// page someone else reads: a reviewer cannot run the candidate's command.
func withoutCLIHints(s string) string { return cliHint.ReplaceAllString(s, "") }

// capSummary says in one short line that failed must-haves hold the grade
// down, naming them; "" when nothing caps the grade.
func capSummary(sc *rules.Scorecard) string {
	if sc.Cap == nil {
		return ""
	}
	held := "held at"
	if sc.Cap.Uncapped <= sc.Cap.Score {
		held = "at most"
	}
	var titles []string
	for _, g := range gates(sc) {
		if g.Judged && !g.Met && g.Title != "" {
			titles = append(titles, strings.ToLower(g.Title[:1])+g.Title[1:])
		}
	}
	return fmt.Sprintf("grade %s %s until the must-haves pass: %s", held, sc.Cap.Grade, strings.Join(titles, ", "))
}
